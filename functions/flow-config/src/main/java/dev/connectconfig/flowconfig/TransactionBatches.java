package dev.connectconfig.flowconfig;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Cuts changes into transactions DynamoDB accepts, by count and by the bytes each carries (the new item and the
 * history copy of the one it replaces): as few transactions as DynamoDB allows.
 */
final class TransactionBatches {

    private TransactionBatches() {
    }

    static <T> List<List<T>> of(List<T> items, Function<T, FlowConfigRepository.Change> change,
            FlowConfigRepository repository) {
        List<List<T>> transactions = new ArrayList<>();
        List<T> batch = new ArrayList<>();
        long batchBytes = 0;
        int batchItems = 0;
        Set<String> calendars = new HashSet<>();
        for (T item : items) {
            // One change is at most two items of 400 KB and an update per calendar it names (at most 50), so it
            // always fits a transaction of its own.
            FlowConfigRepository.Change next = change.apply(item);
            long bytes = repository.transactionBytes(next);
            Set<String> touched = next.calendarsTouched();
            Set<String> newCalendars = new HashSet<>(touched);
            newCalendars.removeAll(calendars);
            int itemCount = next.itemCount() + newCalendars.size();
            if (!batch.isEmpty() && (batch.size() == FlowConfigRepository.CHANGES_PER_TRANSACTION
                    || batchItems + itemCount > FlowConfigRepository.ITEMS_PER_TRANSACTION
                    || batchBytes + bytes > FlowConfigRepository.TRANSACTION_BUDGET_BYTES)) {
                transactions.add(batch);
                batch = new ArrayList<>();
                batchBytes = 0;
                calendars.clear();
                itemCount = next.itemCount() + touched.size();
                batchItems = 0;
            }
            batch.add(item);
            batchBytes += bytes;
            batchItems += itemCount;
            calendars.addAll(touched);
        }
        if (!batch.isEmpty()) {
            transactions.add(batch);
        }
        return transactions;
    }
}
