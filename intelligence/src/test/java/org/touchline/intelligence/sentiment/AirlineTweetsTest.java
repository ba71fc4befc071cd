package org.touchline.intelligence.sentiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AirlineTweetsTest {

    private static final String HEADER = "tweet_id,airline_sentiment,airline_sentiment_confidence,text\n";

    @TempDir
    Path folder;

    @Test
    void readsTextsThatSpanLines() throws IOException {
        Path csv = write(HEADER + "1,negative,1.0,\"@x seriously\nwould pay more\"\n2,positive,0.9,thanks!\n");

        List<AirlineTweets.Tweet> tweets = AirlineTweets.read(csv);

        assertThat(tweets).extracting(AirlineTweets.Tweet::id).containsExactly("1", "2");
        assertThat(tweets.get(0).labelled())
                .isEqualTo(new LabelledText("@x seriously\nwould pay more", Polarity.NEGATIVE));
    }

    @Test
    void anUnknownLabelIsReportedWithItsRecordAndField() throws IOException {
        Path csv = write(HEADER + "1,negative,1.0,fine\n2,furious,1.0,grr\n");

        assertThatThrownBy(() -> AirlineTweets.read(csv)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("record 2").hasMessageContaining("airline_sentiment")
                .hasMessageContaining("'furious'");
    }

    @Test
    void theSplitIsFixedByTheTweetIdAndHoldsOutAboutAFifth() {
        long held = 0;
        for (int i = 0; i < 10_000; i++) {
            if (tweet(String.valueOf(570_000_000_000_000_000L + i)).inTestPart()) {
                held++;
            }
        }

        assertThat(held).isBetween(1_800L, 2_200L);
        // sha256("570301130888122368") starts with a number = 0 mod 5; sha256("570301083672813571") with 3 mod 5
        assertThat(tweet("570301130888122368").inTestPart()).isTrue();
        assertThat(tweet("570301083672813571").inTestPart()).isFalse();
    }

    private static AirlineTweets.Tweet tweet(String id) {
        return new AirlineTweets.Tweet(id, new LabelledText("", Polarity.NEUTRAL));
    }

    private Path write(String content) throws IOException {
        Path csv = folder.resolve("tweets.csv");
        Files.writeString(csv, content);
        return csv;
    }
}
