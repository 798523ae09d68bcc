package dev.weft.storage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every commit and failed write the writer reports. */
final class RecordingListener implements StorageListener {
    final List<CommitStats> commits = new CopyOnWriteArrayList<>();
    final List<StorageException> failures = new CopyOnWriteArrayList<>();

    @Override
    public void committed(CommitStats commit) {
        commits.add(commit);
    }

    @Override
    public void writeFailed(StorageException failure) {
        failures.add(failure);
    }

    int committedWrites() {
        return commits.stream().mapToInt(CommitStats::writes).sum();
    }
}
