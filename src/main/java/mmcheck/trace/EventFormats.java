package mmcheck.trace;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every event of the compaction, migrate and kmem subsystems that Linux 6.1 prints, by name, with its TP_printk
 * format (field names as the format prints them). Kernel: include/trace/events/compaction.h, migrate.h, kmem.h.
 */
public final class EventFormats {
    private static final Map<String, EventFormat> FORMATS = new LinkedHashMap<>();

    static {
        String range = "range=(0x%lx ~ 0x%lx) nr_scanned=%lu nr_taken=%lu";
        String[] rangeFields = {"start_pfn", "end_pfn", "nr_scanned", "nr_taken"};
        add("mm_compaction_isolate_migratepages", range, rangeFields);
        add("mm_compaction_isolate_freepages", range, rangeFields);
        // DEFINE_EVENT(mm_compaction_isolate_template, mm_compaction_fast_isolate_freepages, ...): same format
        add("mm_compaction_fast_isolate_freepages", range, rangeFields);
        add("mm_compaction_migratepages", "nr_migrated=%lu nr_failed=%lu", "nr_migrated", "nr_failed");
        add("mm_compaction_begin", "zone_start=0x%lx migrate_pfn=0x%lx free_pfn=0x%lx zone_end=0x%lx, mode=%s",
                "zone_start", "migrate_pfn", "free_pfn", "zone_end", "mode");
        add("mm_compaction_end",
                "zone_start=0x%lx migrate_pfn=0x%lx free_pfn=0x%lx zone_end=0x%lx, mode=%s status=%s",
                "zone_start", "migrate_pfn", "free_pfn", "zone_end", "mode", "status");
        add("mm_compaction_try_to_compact_pages", "order=%d gfp_mask=%s priority=%d", "order", "gfp_mask", "priority");
        String zoneRet = "node=%d zone=%-8s order=%d ret=%s";
        add("mm_compaction_finished", zoneRet, "node", "zone", "order", "ret");
        add("mm_compaction_suitable", zoneRet, "node", "zone", "order", "ret");
        String defer = "node=%d zone=%-8s order=%d order_failed=%d consider=%u limit=%lu";
        String[] deferFields = {"node", "zone", "order", "order_failed", "consider", "limit"};
        add("mm_compaction_deferred", defer, deferFields);
        add("mm_compaction_defer_compaction", defer, deferFields);
        add("mm_compaction_defer_reset", defer, deferFields);
        add("mm_compaction_kcompactd_sleep", "nid=%d", "nid");
        String wake = "nid=%d order=%d classzone_idx=%-8s";
        add("mm_compaction_wakeup_kcompactd", wake, "nid", "order", "classzone_idx");
        add("mm_compaction_kcompactd_wake", wake, "nid", "order", "classzone_idx");

        add("mm_migrate_pages", "nr_succeeded=%lu nr_failed=%lu nr_thp_succeeded=%lu nr_thp_failed=%lu "
                + "nr_thp_split=%lu mode=%s reason=%s",
                "nr_succeeded", "nr_failed", "nr_thp_succeeded", "nr_thp_failed", "nr_thp_split", "mode", "reason");
        add("mm_migrate_pages_start", "mode=%s reason=%s", "mode", "reason");
        add("set_migration_pte", "addr=%lx, pte=%lx order=%d", "addr", "pte", "order");
        add("remove_migration_pte", "addr=%lx, pte=%lx order=%d", "addr", "pte", "order");

        String alloc = "call_site=%pS ptr=%p bytes_req=%zu bytes_alloc=%zu gfp_flags=%s node=%d accounted=%s";
        String[] allocFields = {"call_site", "ptr", "bytes_req", "bytes_alloc", "gfp_flags", "node", "accounted"};
        add("kmalloc", alloc, allocFields);
        add("kmem_cache_alloc", alloc, allocFields);
        add("kfree", "call_site=%pS ptr=%p", "call_site", "ptr");
        add("kmem_cache_free", "call_site=%pS ptr=%p name=%s", "call_site", "ptr", "name");
        add("mm_page_free", "page=%p pfn=0x%lx order=%d", "page", "pfn", "order");
        add("mm_page_free_batched", "page=%p pfn=0x%lx order=0", "page", "pfn");
        add("mm_page_alloc", "page=%p pfn=0x%lx order=%d migratetype=%d gfp_flags=%s",
                "page", "pfn", "order", "migratetype", "gfp_flags");
        add("mm_page_alloc_zone_locked", "page=%p pfn=0x%lx order=%u migratetype=%d percpu_refill=%d",
                "page", "pfn", "order", "migratetype", "percpu_refill");
        add("mm_page_pcpu_drain", "page=%p pfn=0x%lx order=%d migratetype=%d", "page", "pfn", "order", "migratetype");
        add("mm_page_alloc_extfrag", "page=%p pfn=0x%lx alloc_order=%d fallback_order=%d pageblock_order=%d "
                + "alloc_migratetype=%d fallback_migratetype=%d fragmenting=%d change_ownership=%d",
                "page", "pfn", "alloc_order", "fallback_order", "pageblock_order", "alloc_migratetype",
                "fallback_migratetype", "fragmenting", "change_ownership");
        add("rss_stat", "mm_id=%u curr=%d type=%s size=%ldB", "mm_id", "curr", "type", "size");
    }

    private EventFormats() {
    }

    private static void add(String name, String printk, String... fields) {
        FORMATS.put(name, new EventFormat(name, printk, fields));
    }

    /** The format of a known event, or null. */
    public static EventFormat of(String name) {
        return FORMATS.get(name);
    }

    public static Iterable<EventFormat> all() {
        return FORMATS.values();
    }

    /**
     * Whether a name belongs to one of the three subsystems; such a name must be known, so a misspelt or
     * unsupported event of them is an error rather than a skipped line.
     */
    public static boolean ownSubsystem(String name) {
        return name.startsWith("mm_compaction_") || name.startsWith("mm_migrate_") || name.startsWith("mm_page_")
                || name.startsWith("kmem_") || name.startsWith("kmalloc") || name.equals("kfree")
                || name.endsWith("migration_pte") || name.equals("rss_stat");
    }
}
