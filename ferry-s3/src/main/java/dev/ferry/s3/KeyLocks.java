package dev.ferry.s3;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises, within one node, the operations that read an object's size and then change it:
 * an upload's store and its quota settlement, a delete, a rename. Without it a delete or a rename
 * landing between an upload's look at the old object and its PUT leaves the quota figure off by
 * that object (a repeatable way past the quota). Striped, so memory stays fixed; two keys (a
 * rename) are taken in stripe order, so two renames cannot deadlock. Nodes sharing a bucket are
 * not serialised with each other.
 */
final class KeyLocks {

    private final ReentrantLock[] stripes = new ReentrantLock[1024];

    KeyLocks() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Something to run under the lock, that may fail. */
    @FunctionalInterface
    interface Work<T, E extends Exception> {
        T run() throws E;
    }

    <T, E extends Exception> T with(String key, Work<T, E> work) throws E {
        ReentrantLock l = stripe(key);
        l.lock();
        try {
            return work.run();
        } finally {
            l.unlock();
        }
    }

    <T, E extends Exception> T with(String a, String b, Work<T, E> work) throws E {
        int i = index(a);
        int j = index(b);
        ReentrantLock first = stripes[Math.min(i, j)];
        ReentrantLock second = stripes[Math.max(i, j)]; // the same lock again when i == j: reentrant
        first.lock();
        try {
            second.lock();
            try {
                return work.run();
            } finally {
                second.unlock();
            }
        } finally {
            first.unlock();
        }
    }

    private ReentrantLock stripe(String key) {
        return stripes[index(key)];
    }

    private int index(String key) {
        return Math.floorMod(key.hashCode(), stripes.length);
    }
}
