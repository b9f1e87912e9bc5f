package dev.nexus.costs.hot;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The 8-byte key of one hot counter: what is counted (a project's or an agent's day or month), whose it is
 * (the project's or agent's number) and which period (days since 1970, or months since 1970).
 *
 * <p>Layout: 2 bits of kind, 30 bits of number, 32 bits of period. Stateless.
 */
public final class CounterKey {

    /** A key no counter has (agent numbers start at 1), holding the last record applied. */
    static final long HIGH_WATER = Long.MIN_VALUE;

    private static final int PROJECT_DAY = 0;
    private static final int PROJECT_MONTH = 1;
    private static final int AGENT_DAY = 2;
    private static final int AGENT_MONTH = 3;
    private static final int MAX_NUM = (1 << 30) - 1;

    private CounterKey() {
    }

    public static long projectDay(int projectNum, LocalDate day) {
        return key(PROJECT_DAY, projectNum, day.toEpochDay());
    }

    public static long projectMonth(int projectNum, YearMonth month) {
        return key(PROJECT_MONTH, projectNum, monthIndex(month));
    }

    public static long agentDay(int agentNum, LocalDate day) {
        return key(AGENT_DAY, agentNum, day.toEpochDay());
    }

    public static long agentMonth(int agentNum, YearMonth month) {
        return key(AGENT_MONTH, agentNum, monthIndex(month));
    }

    private static long monthIndex(YearMonth month) {
        return (month.getYear() - 1970L) * 12 + month.getMonthValue() - 1;
    }

    private static long key(int kind, int num, long period) {
        if (num < 0 || num > MAX_NUM) {
            throw new IllegalArgumentException("counter number out of range: " + num);
        }
        return ((long) kind << 62) | ((long) num << 32) | (period & 0xFFFF_FFFFL);
    }
}
