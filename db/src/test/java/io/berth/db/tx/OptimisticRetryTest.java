package io.berth.db.tx;

import org.junit.jupiter.api.Test;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retry itself, over a transaction manager that only counts (the collisions are real in InstanceRowWritersApiTest). */
class OptimisticRetryTest {

    private final AtomicInteger begun = new AtomicInteger();
    private final TransactionTemplate tx = new TransactionTemplate(new PlatformTransactionManager() {
        @Override
        public TransactionStatus getTransaction(TransactionDefinition definition) {
            begun.incrementAndGet();
            return new SimpleTransactionStatus();
        }

        @Override
        public void commit(TransactionStatus status) {
        }

        @Override
        public void rollback(TransactionStatus status) {
        }
    });

    @Test
    void aCollisionIsRunAgainInAFreshTransaction() {
        AtomicInteger calls = new AtomicInteger();

        String result = OptimisticRetry.inTransaction(tx, "row 1", s -> {
            if (calls.incrementAndGet() < 3) {
                throw new OptimisticLockingFailureException("version moved");
            }
            return "saved";
        });

        assertThat(result).isEqualTo("saved");
        assertThat(begun).hasValue(3);
    }

    @Test
    void givesUpAfterFiveCollisionsNamingTheRow() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> OptimisticRetry.inTransaction(tx, "container instance 42", s -> {
            calls.incrementAndGet();
            throw new OptimisticLockingFailureException("version moved");
        })).isInstanceOf(RowKeptChangingException.class)
                .hasMessage("container instance 42 kept changing under concurrent writes (5 tries); try again");
        assertThat(calls).hasValue(OptimisticRetry.ATTEMPTS);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> OptimisticRetry.inTransaction(tx, "row 1", s -> {
            calls.incrementAndGet();
            throw new IllegalStateException("no such row");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }
}
