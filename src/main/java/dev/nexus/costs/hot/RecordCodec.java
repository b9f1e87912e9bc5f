package dev.nexus.costs.hot;

import dev.nexus.costs.pricing.TokenCounts;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.zip.CRC32C;

/**
 * The bytes of a journal record: {@code [length:int][crc32c:int][payload]}, the payload starting with a type
 * byte. Stateless.
 */
final class RecordCodec {

    static final int HEADER_BYTES = 8;
    private static final byte USAGE = 1;
    private static final byte CORRECTION = 2;
    private static final long NO_COST = Long.MIN_VALUE;

    private RecordCodec() {
    }

    /** Appends the framed record to {@code out}, growing it as needed, and answers the buffer written to. */
    static ByteBuffer write(JournalRecord record, ByteBuffer out) {
        ByteBuffer payload = ByteBuffer.allocate(256 + stringBytes(record));
        if (record instanceof UsageRecord usage) {
            writeUsage(usage, payload);
        } else {
            writeCorrection((CorrectionRecord) record, payload);
        }
        payload.flip();
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        ByteBuffer target = ensure(out, HEADER_BYTES + payload.remaining());
        target.putInt(payload.remaining()).putInt((int) crc.getValue()).put(payload);
        return target;
    }

    /**
     * Reads one record's payload, checking its checksum.
     *
     * @return the record, or null when the bytes are not a whole, intact record
     */
    static JournalRecord read(ByteBuffer payload, int expectedCrc) {
        CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        if ((int) crc.getValue() != expectedCrc) {
            return null;
        }
        try {
            byte type = payload.get();
            return switch (type) {
                case USAGE -> readUsage(payload);
                case CORRECTION -> readCorrection(payload);
                default -> null;
            };
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    private static void writeUsage(UsageRecord r, ByteBuffer out) {
        out.put(USAGE).putLong(r.seq()).putLong(r.receivedAtMicros());
        putString(out, r.projectId());
        out.putInt(r.projectNum());
        putString(out, r.agentId());
        out.putInt(r.agentNum());
        putString(out, r.eventId());
        putString(out, r.sessionId());
        putString(out, r.traceId());
        putString(out, r.model());
        TokenCounts t = r.tokens();
        out.putLong(t.input()).putLong(t.output()).putLong(t.cachedInput()).putLong(t.cacheCreationInput())
                .putLong(t.reasoning());
        out.putLong(r.givenCostNanos() == null ? NO_COST : r.givenCostNanos()).putLong(r.costNanos());
        out.putLong(r.occurredAtMicros()).put((byte) (r.timestampGiven() ? 1 : 0));
        out.putLong(r.day().toEpochDay()).putLong(r.fingerprint());
    }

    private static UsageRecord readUsage(ByteBuffer in) {
        long seq = in.getLong();
        long receivedAt = in.getLong();
        String projectId = getString(in);
        int projectNum = in.getInt();
        String agentId = getString(in);
        int agentNum = in.getInt();
        String eventId = getString(in);
        String sessionId = getString(in);
        String traceId = getString(in);
        String model = getString(in);
        TokenCounts tokens = new TokenCounts(in.getLong(), in.getLong(), in.getLong(), in.getLong(), in.getLong());
        long given = in.getLong();
        long cost = in.getLong();
        long occurredAt = in.getLong();
        boolean timestampGiven = in.get() == 1;
        LocalDate day = LocalDate.ofEpochDay(in.getLong());
        long fingerprint = in.getLong();
        return new UsageRecord(seq, receivedAt, projectId, projectNum, agentId, agentNum, eventId, sessionId,
                traceId, model, tokens, given == NO_COST ? null : given, cost, occurredAt, timestampGiven, day,
                fingerprint);
    }

    private static void writeCorrection(CorrectionRecord r, ByteBuffer out) {
        out.put(CORRECTION).putLong(r.seq()).putLong(r.receivedAtMicros());
        putString(out, r.projectId());
        out.putInt(r.projectNum());
        putString(out, r.agentId());
        out.putInt(r.agentNum());
        putString(out, r.eventId());
        putString(out, r.traceId());
        out.putLong(r.day().toEpochDay()).putLong(r.costNanos()).putLong(r.previousCostNanos());
        putString(out, r.reason());
    }

    private static CorrectionRecord readCorrection(ByteBuffer in) {
        return new CorrectionRecord(in.getLong(), in.getLong(), getString(in), in.getInt(), getString(in),
                in.getInt(), getString(in), getString(in), LocalDate.ofEpochDay(in.getLong()), in.getLong(),
                in.getLong(), getString(in));
    }

    private static int stringBytes(JournalRecord record) {
        int bytes = length(record.projectId()) + length(record.agentId()) + length(record.eventId())
                + length(record.traceId());
        if (record instanceof UsageRecord usage) {
            bytes += length(usage.sessionId()) + length(usage.model());
        } else {
            bytes += length(((CorrectionRecord) record).reason());
        }
        return bytes;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length() * 3;
    }

    private static void putString(ByteBuffer out, String text) {
        if (text == null) {
            out.putInt(-1);
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.putInt(bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ByteBuffer ensure(ByteBuffer out, int more) {
        if (out.remaining() >= more) {
            return out;
        }
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + more));
        out.flip();
        return bigger.put(out);
    }
}
