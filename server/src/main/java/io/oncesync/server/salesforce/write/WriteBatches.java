package io.oncesync.server.salesforce.write;

import java.util.ArrayList;
import java.util.List;

/** Splitting writes into Partner DML calls: at most 200 records per create/update call. */
public final class WriteBatches {
    public static final int MAX_RECORDS_PER_CALL = 200;

    private WriteBatches() {
    }

    public static <T> List<List<T>> chunks(List<T> items, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive, was " + size);
        }
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += size) {
            out.add(List.copyOf(items.subList(i, Math.min(items.size(), i + size))));
        }
        return out;
    }
}
