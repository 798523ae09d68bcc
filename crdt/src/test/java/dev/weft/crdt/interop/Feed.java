package dev.weft.crdt.interop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order in which a Java document receives a Yjs session's updates: all of them shuffled (so that many arrive
 * before what they depend on and wait as pending), each in a random format, some twice, and some of the
 * state-vector syncs the peers exchanged thrown in.
 */
final class Feed {
    private Feed() {
    }

    static List<FedUpdate> shuffled(YjsSession session, SplittableRandom random) {
        List<UpdatePair> order = new ArrayList<>(session.updates());
        Collections.shuffle(order, random);
        List<FedUpdate> feed = new ArrayList<>();
        order.forEach(pair -> feed.add(inRandomFormat(pair, random)));
        for (UpdatePair sync : session.syncs()) {
            if (random.nextInt(3) == 0) {
                feed.add(random.nextInt(feed.size() + 1), inRandomFormat(sync, random));
            }
        }
        for (int duplicates = random.nextInt(feed.size() / 4 + 1); duplicates > 0; duplicates--) {
            FedUpdate again = feed.get(random.nextInt(feed.size()));
            feed.add(random.nextInt(feed.size() + 1), again);
        }
        return feed;
    }

    private static FedUpdate inRandomFormat(UpdatePair pair, SplittableRandom random) {
        return pair.in(random.nextBoolean() ? 1 : 2);
    }
}
