package dev.connectconfig.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rule arithmetic against dates known from outside this code: published tables and calendars. */
class HolidayRuleTest {

    /** The ASSA table (source named in the resource's header), year to Easter Sunday. */
    private static Map<Integer, LocalDate> publishedEaster() throws IOException {
        Map<Integer, LocalDate> table = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                HolidayRuleTest.class.getResourceAsStream("/calendar/easter-western-1900-2100.csv")),
                StandardCharsets.UTF_8))) {
            reader.lines().filter(line -> !line.startsWith("#") && !line.isBlank()).forEach(line -> {
                String[] parts = line.split(",");
                table.put(Integer.parseInt(parts[0]), LocalDate.parse(parts[1]));
            });
        }
        return table;
    }

    @Test
    void westernEasterMatchesThePublishedTableForEveryYearFrom1900To2100() throws IOException {
        Map<Integer, LocalDate> table = publishedEaster();
        assertEquals(201, table.size());
        table.forEach((year, easter) -> assertEquals(easter, Easter.western(year), "Easter " + year));
    }

    @Test
    void goodFridayAndEasterMondayAreTwoDaysBeforeAndOneAfterEveryPublishedEaster() throws IOException {
        HolidayRule goodFriday = new HolidayRule.EasterRelative(-2, false);
        HolidayRule easterMonday = new HolidayRule.EasterRelative(1, false);
        publishedEaster().forEach((year, easter) -> {
            assertEquals(easter.minusDays(2), goodFriday.in(year).orElseThrow());
            assertEquals(DayOfWeek.FRIDAY, goodFriday.in(year).orElseThrow().getDayOfWeek());
            assertEquals(easter.plusDays(1), easterMonday.in(year).orElseThrow());
        });
    }

    /** Orthodox Easter (Gregorian dates) as the Orthodox churches published them. */
    @ParameterizedTest
    @CsvSource({"2000,2000-04-30", "2008,2008-04-27", "2010,2010-04-04", "2011,2011-04-24", "2016,2016-05-01",
            "2021,2021-05-02", "2022,2022-04-24", "2023,2023-04-16", "2024,2024-05-05", "2025,2025-04-20",
            "2026,2026-04-12"})
    void orthodoxEasterIsTheJulianComputusOnTheGregorianCalendar(int year, LocalDate expected) {
        assertEquals(expected, Easter.orthodox(year));
        assertEquals(expected, new HolidayRule.EasterRelative(0, true).in(year).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"2019,2019-11-28", "2020,2020-11-26", "2021,2021-11-25", "2022,2022-11-24", "2023,2023-11-23",
            "2024,2024-11-28", "2025,2025-11-27", "2026,2026-11-26", "2027,2027-11-25", "2028,2028-11-23"})
    void thanksgivingIsTheFourthThursdayOfNovember(int year, LocalDate expected) {
        assertEquals(expected, new HolidayRule.NthWeekday(Month.NOVEMBER, DayOfWeek.THURSDAY, 4).in(year)
                .orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({"2019,2019-05-27", "2020,2020-05-25", "2021,2021-05-31", "2022,2022-05-30", "2023,2023-05-29",
            "2024,2024-05-27", "2025,2025-05-26", "2026,2026-05-25", "2027,2027-05-31"})
    void memorialDayIsTheLastMondayOfMay(int year, LocalDate expected) {
        assertEquals(expected, new HolidayRule.NthWeekday(Month.MAY, DayOfWeek.MONDAY, HolidayRule.NthWeekday.LAST)
                .in(year).orElseThrow());
    }

    @Test
    void overTwoCenturiesThanksgivingAndMemorialDayKeepTheirDefiningRanges() {
        for (int year = 1900; year <= 2100; year++) {
            LocalDate thanksgiving = new HolidayRule.NthWeekday(Month.NOVEMBER, DayOfWeek.THURSDAY, 4).in(year)
                    .orElseThrow();
            assertTrue(thanksgiving.getDayOfMonth() >= 22 && thanksgiving.getDayOfMonth() <= 28);
            LocalDate memorial = new HolidayRule.NthWeekday(Month.MAY, DayOfWeek.MONDAY, -1).in(year).orElseThrow();
            assertTrue(memorial.getDayOfMonth() >= 25 && memorial.getDayOfMonth() <= 31);
            assertEquals(DayOfWeek.MONDAY, memorial.getDayOfWeek());
        }
    }

    @Test
    void aFifthWeekdayOnlyExistsInMonthsThatHaveOne() {
        HolidayRule fifthFriday = new HolidayRule.NthWeekday(Month.MAY, DayOfWeek.FRIDAY, 5);
        assertEquals(LocalDate.of(2026, 5, 29), fifthFriday.in(2026).orElseThrow());
        assertTrue(fifthFriday.in(2027).isEmpty()); // May 2027 has four Fridays
    }

    @Test
    void theTwentyNinthOfFebruaryIsOnlyInLeapYearsAndAFixedDateOnlyInItsYear() {
        HolidayRule leapDay = new HolidayRule.Yearly(MonthDay.of(2, 29));
        assertEquals(LocalDate.of(2028, 2, 29), leapDay.in(2028).orElseThrow());
        assertTrue(leapDay.in(2027).isEmpty());
        HolidayRule once = new HolidayRule.Fixed(LocalDate.of(2026, 7, 3));
        assertTrue(once.in(2027).isEmpty());
    }

    /** US federal observance (5 U.S.C. 6103): Saturday to Friday, Sunday to Monday. */
    @ParameterizedTest
    @CsvSource({
            "07-04,2026,NEAREST_WEEKDAY,2026-07-03", // a Saturday
            "07-04,2027,NEAREST_WEEKDAY,2027-07-05", // a Sunday
            "07-04,2028,NEAREST_WEEKDAY,2028-07-04", // a Tuesday
            "12-25,2022,NEAREST_WEEKDAY,2022-12-26", // a Sunday
            "01-01,2022,NEAREST_WEEKDAY,2021-12-31", // a Saturday: observed in the year before
            "07-04,2026,SUNDAY_TO_MONDAY,2026-07-04", // Saturday stays
            "12-25,2022,SUNDAY_TO_MONDAY,2022-12-26",
            "12-25,2021,NEXT_MONDAY,2021-12-27", // a Saturday, UK substitute day
            "12-25,2021,NONE,2021-12-25"})
    void observedRulesMoveWeekendHolidays(String monthDay, int year, Observed observed, LocalDate expected) {
        CalendarEntry entry = new CalendarEntry("Holiday", new HolidayRule.Yearly(MonthDay.parse("--" + monthDay)),
                null, null, observed);
        assertEquals(expected, entry.observedIn(year).orElseThrow());
    }

    @Test
    void aCalendarFindsAnObservedDayThatMovedIntoTheRangeFromTheNextYear() {
        HolidayCalendar calendar = new HolidayCalendar("us", null, java.util.List.of(new CalendarEntry(
                "New Year's Day", new HolidayRule.Yearly(MonthDay.of(1, 1)), null, null, Observed.NEAREST_WEEKDAY)),
                0, null, null);
        var days = calendar.days(LocalDate.of(2021, 12, 1), LocalDate.of(2021, 12, 31));
        assertEquals(1, days.size());
        assertEquals(LocalDate.of(2021, 12, 31), days.get(0).date());
    }
}
