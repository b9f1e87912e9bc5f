package dev.nexus.costs.replay;

/**
 * Why a replay could not run to its end: bad input, missing data, or a service that cannot be reached or refuses
 * what the replay needs. The message is written for the person who ran it. Immutable.
 */
class ReplayException extends RuntimeException {

    ReplayException(String message) {
        super(message);
    }

    ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
