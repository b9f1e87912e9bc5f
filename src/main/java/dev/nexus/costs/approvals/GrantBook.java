package dev.nexus.costs.approvals;

import dev.nexus.costs.budget.Grants;
import dev.nexus.costs.budget.Scope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The approved grants, summed per limit and period, in memory for budget checks. Thread-safe. */
final class GrantBook implements Grants {

    private record Key(String projectId, Scope scope, String subjectId, String period) {
    }

    private final Map<Key, Long> granted = new ConcurrentHashMap<>();

    /** Replaces every grant with those of the approved approvals given. */
    void replaceWith(List<Approval> approved) {
        Map<Key, Long> fresh = new HashMap<>();
        for (Approval approval : approved) {
            fresh.merge(new Key(approval.projectId(), approval.scope(), approval.subjectId(), approval.period()),
                    approval.requestedNanos(), Long::sum);
        }
        granted.putAll(fresh);
        granted.keySet().retainAll(fresh.keySet());
    }

    void add(Approval approval) {
        Key key = new Key(approval.projectId(), approval.scope(), approval.subjectId(), approval.period());
        granted.merge(key, approval.requestedNanos(), Long::sum);
    }

    @Override
    public long grantedNanos(String projectId, Scope scope, String subjectId, String period) {
        return granted.getOrDefault(new Key(projectId, scope, subjectId, period), 0L);
    }
}
