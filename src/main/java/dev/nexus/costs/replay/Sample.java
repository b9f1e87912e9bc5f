package dev.nexus.costs.replay;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One file of the Azure trace and where the replay sends it: the project, the model its requests are priced as,
 * the prefix of its ids, and the budgets the replay gives the project and each of its agents. Immutable.
 */
record Sample(
        String file,
        String projectId,
        String projectName,
        String model,
        String prefix,
        BigDecimal dailyBudgetUsd,
        BigDecimal monthlyBudgetUsd,
        BigDecimal agentBudgetPerDayUsd) {

    /** Requests are dealt to this many agents, row by row. */
    static final int AGENTS = 4;

    static final Sample CONV = new Sample("AzureLLMInferenceTrace_conv.csv", "azure-conv",
            "Azure LLM trace 2023, conversation", "gpt-4o", "conv",
            BigDecimal.valueOf(80), BigDecimal.valueOf(2000), BigDecimal.valueOf(20));

    static final Sample CODE = new Sample("AzureLLMInferenceTrace_code.csv", "azure-code",
            "Azure LLM trace 2023, code", "claude-sonnet-4-20250514", "code",
            BigDecimal.valueOf(50), BigDecimal.valueOf(1000), BigDecimal.valueOf(15));

    static final List<Sample> ALL = List.of(CONV, CODE);

    /** The agent that made the request of a 0-based data row. */
    static String agentOf(int row) {
        return "agent-" + row % AGENTS;
    }

    List<String> agentIds() {
        return IntStream.range(0, AGENTS).mapToObj(Sample::agentOf).toList();
    }
}
