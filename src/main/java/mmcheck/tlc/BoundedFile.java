package mmcheck.tlc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an input file whole, but never more than a limit: a user may name /dev/zero, a FIFO or a multi-GB log
 * where a few kilobytes of text belong, and that must be one line of error, not an OutOfMemoryError.
 */
public final class BoundedFile {
    private BoundedFile() {
    }

    /**
     * The file's text, or a BadInputException naming the file: missing, unreadable, a directory, or longer than
     * maxBytes (read stops at maxBytes + 1, so an endless device costs nothing).
     */
    public static String read(Path file, int maxBytes, Charset charset) {
        if (Files.isDirectory(file)) {
            throw new BadInputException(file + ": is a directory, not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new BadInputException(file + ": larger than " + describe(maxBytes)
                        + "; this is not the file it should be");
            }
            return new String(bytes, charset);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new BadInputException(file + ": permission denied");
        } catch (IOException | SecurityException e) {
            throw new BadInputException(file + ": cannot read: "
                    + String.valueOf(e.getMessage()).replaceAll("\\R", " "));
        }
    }

    private static String describe(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes % 1024 == 0 ? (bytes >> 10) + " KiB"
                : bytes + " bytes";
    }
}
