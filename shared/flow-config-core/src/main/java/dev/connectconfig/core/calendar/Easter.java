package dev.connectconfig.core.calendar;

import java.time.LocalDate;

/**
 * Easter Sunday. Western: the Gregorian computus (the "Anonymous Gregorian algorithm", Meeus/Jones/Butcher).
 * Orthodox: the Julian computus (Meeus' Julian algorithm), its Julian-calendar date converted to the Gregorian one,
 * valid for 1900-2099 where the calendars are 13 days apart (and 14 from 2100 on, which the conversion handles).
 */
public final class Easter {

    private Easter() {
    }

    public static LocalDate western(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }

    public static LocalDate orthodox(int year) {
        int a = year % 4;
        int b = year % 7;
        int c = year % 19;
        int d = (19 * c + 15) % 30;
        int e = (2 * a + 4 * b - d + 34) % 7;
        int month = (d + e + 114) / 31;
        int day = (d + e + 114) % 31 + 1;
        // The Julian calendar runs behind the Gregorian by the century days the Gregorian drops: 13 in 1900-2099.
        int centuries = year / 100;
        int gap = centuries - centuries / 4 - 2;
        return LocalDate.of(year, month, day).plusDays(gap);
    }
}
