package mmcheck.mm.vmstat;

/**
 * ContigPageInfo - a zone's free memory seen from one requested order. Kernel: struct contig_page_info in mm/vmstat.c.
 *
 * <p>The fields are C {@code unsigned long}: compare and divide them with the unsigned {@link Long} helpers.
 *
 * @param freePages          free base pages in the zone
 * @param freeBlocksTotal    free blocks of any order
 * @param freeBlocksSuitable requested-order blocks the free blocks of at least that order could be split into
 */
public record ContigPageInfo(long freePages, long freeBlocksTotal, long freeBlocksSuitable) {
}
