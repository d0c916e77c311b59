package io.berth.reconciler.pass;

/**
 * A run-task's client token was used by an earlier request that asked for another number of tasks (ECS:
 * IdempotentParameterMismatch). Nothing was stored.
 */
public final class ClientTokenReusedException extends RuntimeException {

    public ClientTokenReusedException(String clientToken) {
        super("client token \"" + clientToken + "\" was used by an earlier run-task with other parameters", null,
                false, false);
    }
}
