package uk.clubreg.daily;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one daily run did: each step's counts, by step name in run order, and the steps that failed. */
public record DailyReport(LocalDate day, Map<String, Map<String, ?>> counts, List<String> failed) {

    public DailyReport {
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        failed = List.copyOf(failed);
    }

    public boolean ok() {
        return failed.isEmpty();
    }

    /** {@code day}, {@code ok}, one object of counts per step that ran, and {@code failed}. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("day", day.toString());
        json.put("ok", ok());
        json.putAll(counts);
        json.put("failed", failed);
        return json;
    }
}
