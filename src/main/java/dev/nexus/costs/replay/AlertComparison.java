package dev.nexus.costs.replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alerts of the periods a replay spends in, side by side: those its own computation expects, those the service
 * lists as sent for them after the run, and those that arrived on the WebSocket during the run. They match when
 * the service sent each expected alert exactly once and nothing else, and what arrived live is exactly what it sent
 * during this run (a second replay adds no spend, so it expects nothing live). Immutable.
 */
record AlertComparison(List<Row> rows, List<String> problems) {

    /** How many alerts of one scope and threshold were expected, sent and seen live. */
    record Row(String projectId, String scope, int threshold, int expected, int sent, int live) {
    }

    AlertComparison {
        rows = List.copyOf(rows);
        problems = List.copyOf(problems);
    }

    boolean matches() {
        return problems.isEmpty();
    }

    /**
     * Compares; {@code before} and {@code after} are the service's list of sent alerts read before and after the
     * run. Alerts of periods outside {@code touched} are left out of every side.
     */
    static AlertComparison of(List<AlertKey> expected, List<AlertKey> before, List<AlertKey> after,
                              List<AlertKey> live, Set<AlertPeriod> touched) {
        Map<AlertKey, Integer> expectedCounts = counts(expected, touched);
        Map<AlertKey, Integer> sentCounts = counts(after, touched);
        Map<AlertKey, Integer> liveCounts = counts(live, touched);
        Map<AlertKey, Integer> sentDuringRun = minus(sentCounts, counts(before, touched));
        List<String> problems = new ArrayList<>();
        differences(expectedCounts, sentCounts, "expected", "the service lists as sent", problems);
        differences(sentDuringRun, liveCounts, "the service sent during this run", "arrived on the WebSocket",
                problems);
        return new AlertComparison(rows(expectedCounts, sentCounts, liveCounts), problems);
    }

    private static Map<AlertKey, Integer> counts(Collection<AlertKey> alerts, Set<AlertPeriod> touched) {
        Map<AlertKey, Integer> counts = new HashMap<>();
        alerts.stream().filter(alert -> touched.contains(alert.period()))
                .forEach(alert -> counts.merge(alert, 1, Integer::sum));
        return counts;
    }

    private static Map<AlertKey, Integer> minus(Map<AlertKey, Integer> all, Map<AlertKey, Integer> earlier) {
        Map<AlertKey, Integer> rest = new HashMap<>();
        all.forEach((key, count) -> {
            int left = count - earlier.getOrDefault(key, 0);
            if (left > 0) {
                rest.put(key, left);
            }
        });
        return rest;
    }

    private static void differences(Map<AlertKey, Integer> wanted, Map<AlertKey, Integer> found, String wantedName,
                                    String foundName, List<String> problems) {
        Set<AlertKey> keys = new HashSet<>(wanted.keySet());
        keys.addAll(found.keySet());
        keys.stream().sorted(Comparator.comparing(AlertKey::toString)).forEach(key -> {
            int want = wanted.getOrDefault(key, 0);
            int got = found.getOrDefault(key, 0);
            if (want != got) {
                problems.add(key + ": " + want + "x " + wantedName + ", " + got + "x " + foundName);
            }
        });
    }

    private static List<Row> rows(Map<AlertKey, Integer> expected, Map<AlertKey, Integer> sent,
                                  Map<AlertKey, Integer> live) {
        Map<Row, int[]> byGroup = new TreeMap<>(Comparator.comparing(Row::projectId).thenComparing(Row::scope)
                .thenComparingInt(Row::threshold));
        tally(expected, byGroup, 0);
        tally(sent, byGroup, 1);
        tally(live, byGroup, 2);
        List<Row> rows = new ArrayList<>();
        byGroup.forEach((group, counts) -> rows.add(
                new Row(group.projectId(), group.scope(), group.threshold(), counts[0], counts[1], counts[2])));
        return rows;
    }

    private static void tally(Map<AlertKey, Integer> counts, Map<Row, int[]> byGroup, int column) {
        counts.forEach((key, count) -> {
            Row group = new Row(key.period().projectId(), key.period().scope(), key.threshold(), 0, 0, 0);
            byGroup.computeIfAbsent(group, g -> new int[3])[column] += count;
        });
    }
}
