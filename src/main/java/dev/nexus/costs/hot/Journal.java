package dev.nexus.costs.hot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only log of accepted changes, in segment files under the data directory. A write returns once the
 * bytes are in the operating system's hands, so an accepted event survives the death of the process (though
 * not of the machine: segments are not forced to the disk).
 *
 * <p>Opening drops a torn record at the tail, which a process killed in the middle of a write can leave; such a
 * record was never acknowledged. Segments whose records are all flushed are deleted by {@link #deleteThrough}.
 *
 * <p>{@link #append} is called by one writer at a time; {@link #lastSeq} and readers are thread-safe.
 */
public final class Journal implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final String SUFFIX = ".journal";

    private final Path dir;
    private final long segmentBytes;
    private final List<Long> segmentFirstSeqs = new ArrayList<>();
    private FileChannel active;
    private volatile long lastSeq;
    private volatile ReadHint readHint;

    /** Where the last read stopped, so that the next read from there need not scan its segment again. */
    private record ReadHint(Path segment, long seq, long position) {
    }

    private Journal(Path dir, long segmentBytes) {
        this.dir = dir;
        this.segmentBytes = segmentBytes;
    }

    /** Opens the journal in {@code dir}, repairing a torn tail; a new journal starts after {@code floorSeq}. */
    public static Journal open(Path dir, long segmentBytes, long floorSeq) {
        Journal journal = new Journal(dir, segmentBytes);
        try {
            Files.createDirectories(dir);
            journal.openSegments(floorSeq);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal in " + dir, e);
        }
        return journal;
    }

    /** The sequence number of the last record written. */
    public long lastSeq() {
        return lastSeq;
    }

    /** The sequence number of the oldest record still kept, or {@code lastSeq() + 1} when there is none. */
    public synchronized long firstKeptSeq() {
        return segmentFirstSeqs.get(0);
    }

    /** Writes records whose sequence numbers follow {@link #lastSeq} without a gap. */
    public synchronized void append(List<? extends JournalRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(records.size() * 256);
        long expected = lastSeq + 1;
        for (JournalRecord record : records) {
            if (record.seq() != expected++) {
                throw new IllegalArgumentException("journal record " + record.seq() + " does not follow " + lastSeq);
            }
            out = RecordCodec.write(record, out);
        }
        out.flip();
        try {
            if (active.size() >= segmentBytes) {
                roll(records.get(0).seq());
            }
            while (out.hasRemaining()) {
                active.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the journal in " + dir, e);
        }
        lastSeq = records.get(records.size() - 1).seq();
    }

    /** Reads the kept records after {@code afterSeq} up to {@code throughSeq}, in order. */
    public void read(long afterSeq, long throughSeq, Consumer<JournalRecord> consumer) {
        ReadHint hint = readHint;
        long[] lastRead = {afterSeq};
        for (Path segment : segmentsHolding(afterSeq)) {
            long start = hint != null && hint.segment().equals(segment) && hint.seq() == afterSeq
                    ? hint.position() : 0;
            try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
                boolean more = scan(channel, start, record -> {
                    if (record.seq() > afterSeq) {
                        consumer.accept(record);
                        lastRead[0] = record.seq();
                    }
                }, throughSeq);
                readHint = new ReadHint(segment, lastRead[0], channel.position());
                if (!more) {
                    return;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the journal segment " + segment, e);
            }
        }
    }

    /** Deletes the segments all of whose records are at or before {@code seq}, except the one being written. */
    public synchronized void deleteThrough(long seq) {
        while (segmentFirstSeqs.size() > 1 && segmentFirstSeqs.get(1) <= seq + 1) {
            Path file = segmentFile(segmentFirstSeqs.remove(0));
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete flushed journal segment {}", file, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            active.close();
        } catch (IOException e) {
            log.warn("Journal segment did not close cleanly", e);
        }
    }

    private synchronized List<Path> segmentsHolding(long afterSeq) {
        List<Path> holding = new ArrayList<>();
        for (int i = 0; i < segmentFirstSeqs.size(); i++) {
            boolean last = i == segmentFirstSeqs.size() - 1;
            if (last || segmentFirstSeqs.get(i + 1) > afterSeq + 1) {
                holding.add(segmentFile(segmentFirstSeqs.get(i)));
            }
        }
        return holding;
    }

    private void openSegments(long floorSeq) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(name -> name.endsWith(SUFFIX))
                    .map(name -> Long.parseLong(name.substring(0, name.length() - SUFFIX.length())))
                    .sorted().forEach(segmentFirstSeqs::add);
        }
        if (segmentFirstSeqs.isEmpty()) {
            lastSeq = floorSeq;
            segmentFirstSeqs.add(floorSeq + 1);
            active = openForAppend(segmentFile(floorSeq + 1));
            return;
        }
        long tailFirstSeq = segmentFirstSeqs.get(segmentFirstSeqs.size() - 1);
        Path tail = segmentFile(tailFirstSeq);
        active = openForAppend(tail);
        long[] last = {tailFirstSeq - 1};
        scan(active, 0, record -> last[0] = record.seq(), Long.MAX_VALUE);
        long validEnd = active.position();
        if (validEnd < active.size()) {
            log.warn("Journal segment {} ends in a torn record; dropping its last {} bytes, never acknowledged",
                    tail, active.size() - validEnd);
            active.truncate(validEnd);
        }
        lastSeq = Math.max(last[0], floorSeq);
        if (lastSeq > last[0]) {
            roll(lastSeq + 1);
        }
    }

    private void roll(long firstSeq) throws IOException {
        active.close();
        segmentFirstSeqs.add(firstSeq);
        active = openForAppend(segmentFile(firstSeq));
    }

    /**
     * Reads records from {@code start}, leaving the channel's position after the last one consumed.
     *
     * @return false once a record past {@code throughSeq} was met
     */
    private static boolean scan(FileChannel channel, long start, Consumer<JournalRecord> consumer, long throughSeq)
            throws IOException {
        long position = start;
        long size = channel.size();
        ByteBuffer header = ByteBuffer.allocate(RecordCodec.HEADER_BYTES);
        while (position + RecordCodec.HEADER_BYTES <= size) {
            header.clear();
            channel.read(header, position);
            header.flip();
            int length = header.getInt();
            int crc = header.getInt();
            if (length <= 0 || position + RecordCodec.HEADER_BYTES + length > size) {
                break;
            }
            ByteBuffer payload = ByteBuffer.allocate(length);
            channel.read(payload, position + RecordCodec.HEADER_BYTES);
            payload.flip();
            JournalRecord record = RecordCodec.read(payload, crc);
            if (record == null) {
                break;
            }
            if (record.seq() > throughSeq) {
                channel.position(position);
                return false;
            }
            consumer.accept(record);
            position += RecordCodec.HEADER_BYTES + length;
        }
        channel.position(position);
        return true;
    }

    private static FileChannel openForAppend(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        channel.position(channel.size());
        return channel;
    }

    private Path segmentFile(long firstSeq) {
        return dir.resolve(String.format("%020d%s", firstSeq, SUFFIX));
    }
}
