package org.touchline.intelligence.forecast;

import java.time.LocalDate;
import java.util.List;

/** Expected contacts per interval for future open days, from a history of whole open days. */
public interface PointForecaster {

    /**
     * @param history past contacts, ending before the first of {@code days}
     * @param days    future open days, in order
     * @return {@code [day][interval]} expected contacts, {@code history.slotsPerDay()} intervals a day
     */
    double[][] expected(ContactSeries history, List<LocalDate> days);
}
