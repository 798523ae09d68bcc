package dev.weft.crdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The client-id map behaves like a HashMap through puts and removals that collide and wrap around. */
class LongObjectMapTest {
    @Test
    void agreesWithAHashMapUnderRandomPutsAndRemovals() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            LongObjectMap<Long> map = new LongObjectMap<>();
            Map<Long, Long> expected = new HashMap<>();
            // few distinct keys, so that probe runs collide, wrap and shrink again
            int keyRange = 1 + random.nextInt(64);
            for (int op = 0; op < 500; op++) {
                long key = random.nextBoolean() ? random.nextInt(keyRange) : random.nextInt(keyRange) * 0x1_0000_0000L;
                if (random.nextInt(3) == 0) {
                    map.remove(key);
                    expected.remove(key);
                } else {
                    long value = random.nextLong();
                    map.put(key, value);
                    expected.put(key, value);
                }
                assertThat(map.size()).isEqualTo(expected.size());
            }
            for (Map.Entry<Long, Long> entry : expected.entrySet()) {
                assertThat(map.get(entry.getKey())).isEqualTo(entry.getValue());
            }
            long[] keys = expected.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
            assertThat(map.sortedKeys()).containsExactly(keys);
            Map<Long, Long> seen = new HashMap<>();
            map.forEach(seen::put);
            assertThat(seen).isEqualTo(expected);
        }
    }

    @Test
    void anEmptyMapAnswersLookupsAndRemovalsBeforeItsFirstPut() {
        LongObjectMap<String> map = new LongObjectMap<>();
        assertThat(map.isEmpty()).isTrue();
        assertThat(map.get(7)).isNull();
        map.remove(7);
        assertThat(map.sortedKeys()).isEmpty();

        map.put(7, "seven");

        assertThat(map.get(7)).isEqualTo("seven");
        assertThat(Arrays.stream(map.sortedKeys()).boxed()).containsExactly(7L);
    }
}
