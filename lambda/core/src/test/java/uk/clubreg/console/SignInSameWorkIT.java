package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.EveryTable;
import uk.clubreg.testsupport.RowCounts;
import uk.clubreg.testsupport.TestClock;
import uk.clubreg.testsupport.TestSystems;

/**
 * "Send code" does the same work for a known and an unknown number (decision 0078): the same rows in the same tables,
 * the same job published, the same page; sending is left to the worker. Jobs are only captured here, as a queue
 * would take them, so what the request itself did is all there is to compare.
 */
class SignInSameWorkIT {

    private static final String MANAGER = "+447700900761";
    private static final String STRANGER = "+447700900769";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-03T10:00:00Z"));
    private final List<Job> published = new ArrayList<>();
    private RegistrationSystem system;

    @BeforeEach
    void start() {
        system = TestSystems.withQueue(harness.config(Map.of()), harness.database, published::add, clock);
        ConsoleBrowser.invite(system, "Sam", "Taylor", "+447700900461", "U11 Panthers", "07700 900761");
        published.clear();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aKnownAndAnUnknownNumberCostTheSameRowsTheSameJobAndGetTheSamePage() {
        ConsoleBrowser known = new ConsoleBrowser(system, "192.0.2.1");
        ConsoleBrowser unknown = new ConsoleBrowser(system, "192.0.2.2");
        known.get("/console");
        unknown.get("/console");

        Map<String, Long> before = rowsPerTable();
        HttpResponse knownAnswer = known.submit("/console/sign-in/code", Map.of("phone", "07700 900761"));
        Map<String, Long> afterKnown = rowsPerTable();
        List<Job> knownJobs = List.copyOf(published);
        published.clear();
        HttpResponse unknownAnswer = unknown.submit("/console/sign-in/code", Map.of("phone", "07700 900769"));
        Map<String, Long> afterUnknown = rowsPerTable();

        assertThat(added(afterKnown, afterUnknown)).isEqualTo(added(before, afterKnown))
                .containsOnlyKeys("console_sign_in_codes", "console_sign_in_events", "outbox");
        assertThat(published).extracting(Object::getClass).isEqualTo(knownJobs.stream().map(Object::getClass).toList())
                .containsExactly(Job.SendSignInCode.class);
        assertThat(rowShape(STRANGER)).isEqualTo(rowShape(MANAGER));
        assertThat(harness.sentTo(MANAGER)).isEmpty();
        assertThat(unknownAnswer.status()).isEqualTo(knownAnswer.status()).isEqualTo(200);
        assertThat(unknownAnswer.headers()).isEqualTo(knownAnswer.headers());
        assertThat(unknownAnswer.body().replace(STRANGER, "NUMBER").replace(unknown.csrf(), "TOKEN"))
                .isEqualTo(knownAnswer.body().replace(MANAGER, "NUMBER").replace(known.csrf(), "TOKEN"));
    }

    private Map<String, Long> rowsPerTable() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : EveryTable.names(harness.database)) {
            counts.put(table, RowCounts.count(harness.database, "SELECT count(*) FROM " + table));
        }
        return counts;
    }

    private static Map<String, Long> added(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> added = new LinkedHashMap<>();
        after.forEach((table, rows) -> {
            long more = rows - before.getOrDefault(table, 0L);
            if (more != 0) {
                added.put(table, more);
            }
        });
        return added;
    }

    /** What was written for the number, without the values that differ by nature (code, ids, times). */
    private String rowShape(String phone) {
        return harness.queryString("""
                SELECT concat_ws('|',
                    (SELECT string_agg(concat_ws(',', octet_length(code_hash), octet_length(sealed_code), attempts,
                                                 used_at IS NULL, expires_at - ?::timestamptz), ';')
                       FROM console_sign_in_codes WHERE phone_e164 = ?),
                    (SELECT string_agg(kind, ';') FROM console_sign_in_events WHERE phone_e164 = ?),
                    (SELECT string_agg(concat_ws(',', job_type, published_at IS NULL), ';')
                       FROM outbox WHERE message_group_id = ?))""",
                clock.instant().toString(), phone, phone, phone);
    }
}
