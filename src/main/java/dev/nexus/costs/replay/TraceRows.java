package dev.nexus.costs.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a file of the Azure LLM inference trace: a header {@code TIMESTAMP,ContextTokens,GeneratedTokens}, then
 * one request a line, stamped in UTC with up to nine fraction digits ({@code 2023-11-16 18:17:03.9799600}).
 * CRLF and LF line ends are both read; blank lines are skipped. Stateless.
 */
final class TraceRows {

    static final String HEADER = "TIMESTAMP,ContextTokens,GeneratedTokens";
    private static final DateTimeFormatter STAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private TraceRows() {
    }

    /** The data rows of a file; a file that is missing or malformed fails naming it. */
    static List<TraceRow> read(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, file.toString());
        } catch (NoSuchFileException e) {
            throw new ReplayException("no trace file " + file + "; point --data at the azure-llm-2023 directory", e);
        } catch (IOException e) {
            throw new ReplayException("cannot read the trace file " + file + ": " + e.getMessage(), e);
        }
    }

    static List<TraceRow> parse(BufferedReader reader, String name) throws IOException {
        String header = reader.readLine();
        if (header == null || !header.strip().equals(HEADER)) {
            throw new ReplayException(name + ": the first line must be '" + HEADER + "'");
        }
        List<TraceRow> rows = new ArrayList<>();
        int lineNumber = 1;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (!line.isBlank()) {
                rows.add(row(line.strip(), rows.size(), name + ":" + lineNumber));
            }
        }
        return rows;
    }

    private static TraceRow row(String line, int row, String where) {
        String[] cells = line.split(",", -1);
        if (cells.length != 3) {
            throw new ReplayException(where + ": expected 3 cells, found " + cells.length + " in '" + line + "'");
        }
        try {
            LocalDateTime stamp = LocalDateTime.parse(cells[0], STAMP);
            return new TraceRow(row, stamp.toInstant(ZoneOffset.UTC), tokens(cells[1]), tokens(cells[2]));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ReplayException(where + ": cannot read '" + line + "': " + e.getMessage(), e);
        }
    }

    private static long tokens(String cell) {
        long tokens = Long.parseLong(cell.strip());
        if (tokens < 0) {
            throw new NumberFormatException("a token count may not be negative: " + tokens);
        }
        return tokens;
    }
}
