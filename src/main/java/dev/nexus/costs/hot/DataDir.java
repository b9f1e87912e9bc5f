package dev.nexus.costs.hot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory, held by one process at a time. It also tells whether the last holder closed the hot
 * files cleanly; when it did not, the Chronicle Maps must be recovered before use.
 *
 * <p>Not thread-safe: opened and closed by the application's start and stop.
 */
public final class DataDir implements AutoCloseable {

    private static final String LOCK_FILE = "nexus.lock";
    private static final String CLEAN_MARK = "hot/closed-cleanly";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final boolean closedCleanly;

    private DataDir(Path root, FileChannel lockChannel, FileLock lock, boolean closedCleanly) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.closedCleanly = closedCleanly;
    }

    /** Takes the directory, failing when another process holds it. */
    public static DataDir open(Path root) {
        try {
            Files.createDirectories(root.resolve("hot"));
            FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another nexus-costs process is using the data directory " + root
                        + "; stop it or set NEXUS_DATA_DIR to another directory");
            }
            Path mark = root.resolve(CLEAN_MARK);
            boolean clean = Files.exists(mark);
            Files.deleteIfExists(mark);
            return new DataDir(root, channel, lock, clean);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the data directory " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    public Path resolve(String child) {
        return root.resolve(child);
    }

    /** Whether the hot files need recovery: they exist and their last user did not close them. */
    public boolean needsRecovery() {
        return !closedCleanly;
    }

    /** Marks the hot files as closed cleanly; call after closing them. */
    public void markClosedCleanly() {
        try {
            Files.writeString(root.resolve(CLEAN_MARK), "closed\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark the data directory as closed cleanly", e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the data directory " + root, e);
        }
    }
}
