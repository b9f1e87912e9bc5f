package dev.nexus.costs.replay;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer of the service. Immutable.
 *
 * @param request what was asked, as {@code METHOD /path}, for messages (never holds a token)
 * @param body    the JSON body, or null when there is none or it is not JSON
 * @param text    the body as it came, for messages when it is not JSON
 */
record Reply(String request, int status, JsonNode body, String text) {

    boolean is(int expectedStatus) {
        return status == expectedStatus;
    }

    /** The body when the status is one of {@code statuses}; otherwise the service's error, thrown. */
    JsonNode expect(int... statuses) {
        for (int expected : statuses) {
            if (status == expected) {
                return body;
            }
        }
        throw new ServiceError(this);
    }
}
