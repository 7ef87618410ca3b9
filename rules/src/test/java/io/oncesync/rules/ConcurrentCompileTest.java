package io.oncesync.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.oncesync.engine.rulebook.CompileError;
import io.oncesync.engine.rulebook.CompileResult;
import io.oncesync.engine.rulebook.RuleBook;
import io.oncesync.engine.rulebook.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The bundled policies compiled many times at once, as a reload, a validate and a dry run of the admin API may do
 * while the workers decide: every compile must succeed (an intermittent "(rules):0: could not read class" was seen
 * under load).
 */
class ConcurrentCompileTest {
    private static final int THREADS = 6;
    private static final int ROUNDS = 4;

    @Test
    @DisplayName("the bundled policies compile under concurrent load, every time")
    void compilesUnderConcurrentLoad() throws Exception {
        List<RuleSource> sources = RuleSource.bundled();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < THREADS * ROUNDS; i++) {
                Callable<List<String>> compile = () -> errors(RuleBook.compile(sources));
                runs.add(pool.submit(compile));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> errors(CompileResult r) {
        return r.fold(b -> List.of(), es -> es.stream().map(CompileError::toString).toList());
    }
}
