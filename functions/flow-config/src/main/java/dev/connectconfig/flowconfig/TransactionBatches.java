package dev.connectconfig.flowconfig;

import java.util.ArrayList;
import java.util.List;
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
        for (T item : items) {
            // One change is at most two items of 400 KB, so it always fits a transaction of its own.
            long bytes = repository.transactionBytes(change.apply(item));
            if (!batch.isEmpty() && (batch.size() == FlowConfigRepository.CHANGES_PER_TRANSACTION
                    || batchBytes + bytes > FlowConfigRepository.TRANSACTION_BUDGET_BYTES)) {
                transactions.add(batch);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(item);
            batchBytes += bytes;
        }
        if (!batch.isEmpty()) {
            transactions.add(batch);
        }
        return transactions;
    }
}
