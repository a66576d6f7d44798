package mmcheck.mm.proc;

/** DebugfsIndexFile - reads unusable_index / extfrag_index text back into thousandths, for approximate comparisons. */
final class DebugfsIndexFile {

    private DebugfsIndexFile() {
    }

    /** [zone line][order] in thousandths; "-1.000" is -1000 and " 0.-500" is -500, the inverse of "%d.%03d". */
    static int[][] parse(String text) {
        String[] lines = text.split("\n");
        int[][] result = new int[lines.length][];
        for (int i = 0; i < lines.length; i++) {
            String[] tokens = lines[i].trim().split(" +");
            result[i] = new int[tokens.length - 4];
            for (int order = 0; order < result[i].length; order++) {
                String[] parts = tokens[4 + order].split("\\.", 2);
                result[i][order] = Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1]);
            }
        }
        return result;
    }
}
