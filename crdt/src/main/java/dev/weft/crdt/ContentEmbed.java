package dev.weft.crdt;

import java.util.Collections;
import java.util.List;

/** An embedded value in rich text (an image, a formula...), one clock. */
final class ContentEmbed extends SingleClockContent {
    static final int REF = 5;

    final Object embed;

    /** @throws IllegalArgumentException for a value V1 could not write (see {@link Json#requireStringifiable}) */
    ContentEmbed(Object embed) {
        Json.requireStringifiable(embed);
        this.embed = embed;
    }

    @Override
    public List<Object> getContent() {
        return Collections.singletonList(embed);
    }

    @Override
    public Content copy() {
        return new ContentEmbed(embed);
    }

    @Override
    public void write(UpdateEncoder encoder, int offset) {
        encoder.writeJson(embed);
    }

    @Override
    public int getRef() {
        return REF;
    }
}
