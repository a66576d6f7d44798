package mmcheck.mm;

/**
 * BlockVisitor - receives the zone's blocks in pfn order from {@link Zone#forEachBlock}; primitive arguments, so
 * a walk over a large zone allocates nothing. Migratetypes are {@link MigrateType} ordinals.
 */
public interface BlockVisitor {

    /** A free block: its head pfn, order, and the migratetype of the free list it is on. */
    void freeBlock(int pfn, int order, int listMigratetype);

    /** An allocated block: its head pfn, order, requested migratetype and owner. */
    void allocatedBlock(int pfn, int order, int migratetype, int owner);
}
