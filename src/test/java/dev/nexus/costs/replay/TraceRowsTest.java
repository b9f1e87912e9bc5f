package dev.nexus.costs.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRowsTest {

    @Test
    void theRealFilesHoldTheDocumentedNumberOfRows() {
        assertEquals(19_366, TraceRows.read(TraceData.dir().resolve(Sample.CONV.file())).size());
        assertEquals(8_819, TraceRows.read(TraceData.dir().resolve(Sample.CODE.file())).size());
    }

    @Test
    void theRealConversationFileStartsAndEndsWithItsFirstAndLastLines() {
        List<TraceRow> rows = TraceRows.read(TraceData.dir().resolve(Sample.CONV.file()));

        assertEquals(new TraceRow(0, Instant.parse("2023-11-16T18:15:46.680590Z"), 374, 44), rows.get(0));
        assertEquals(new TraceRow(19_365, Instant.parse("2023-11-16T19:14:08.402527Z"), 197, 183),
                rows.get(19_365));
    }

    @Test
    void aRowReadsTimestampWithHundredNanosecondDigitsAndTokens() throws IOException {
        List<TraceRow> rows = parse("TIMESTAMP,ContextTokens,GeneratedTokens\r\n"
                + "2023-11-16 18:17:03.9799601,4808,10\r\n2023-11-16 18:17:04,3180,8");

        assertEquals(new TraceRow(0, Instant.parse("2023-11-16T18:17:03.979960100Z"), 4808, 10), rows.get(0));
        assertEquals(new TraceRow(1, Instant.parse("2023-11-16T18:17:04Z"), 3180, 8), rows.get(1));
    }

    @Test
    void aFileWithoutTheHeaderIsRefused() {
        ReplayException e = assertThrows(ReplayException.class, () -> parse("2023-11-16 18:17:03.1,1,1\n"));

        assertTrue(e.getMessage().contains("TIMESTAMP,ContextTokens,GeneratedTokens"), e.getMessage());
    }

    @Test
    void aMalformedRowIsRefusedNamingItsLine() {
        ReplayException e = assertThrows(ReplayException.class,
                () -> parse("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.1,1,1\n2023-11-16,x,1\n"));

        assertTrue(e.getMessage().startsWith("t.csv:3:"), e.getMessage());
    }

    private static List<TraceRow> parse(String text) throws IOException {
        return TraceRows.parse(reader(text), "t.csv");
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }
}
