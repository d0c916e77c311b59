package io.berth.app.api;

import io.berth.db.model.TaskDefinitionEntity;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** Concurrent registrations of one family collide on its primary key: retried or 409, never a 500. */
class ConcurrentApplyTest extends ApiTestSupport {

    private static final int APPLIERS = 4;

    @Test
    void concurrentRegistrationsOfOneFamilyNeverFail() throws Exception {
        String family = unique("race");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(APPLIERS)) {
            for (int i = 0; i < APPLIERS; i++) {
                String manifest = taskDefinition(family, "img:" + i);
                statuses.add(pool.submit(() -> {
                    start.await();
                    return mvc.perform(post("/v1/apply").header("Authorization", BEARER)
                                    .contentType(MediaType.parseMediaType("application/yaml")).content(manifest))
                            .andReturn().getResponse().getStatus();
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get());
            }
            assertThat(answered).allMatch(s -> s == 200 || s == 409);
            List<Integer> revisions = taskDefinitions.findByFamilyOrderByRevisionAsc(family).stream()
                    .map(TaskDefinitionEntity::getRevision).toList();
            long succeeded = answered.stream().filter(s -> s == 200).count();
            assertThat(succeeded).isPositive();
            assertThat(revisions).isEqualTo(IntStream.rangeClosed(1, (int) succeeded).boxed().toList());
        }
    }
}
