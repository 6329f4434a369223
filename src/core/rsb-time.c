/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-time.c: timestamps as workout files and exports write them. */
#include "rsb-time.h"

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), so the common timestamp needs no GDateTime. */
static gint64
days_from_civil (int  year,
                 int  month,
                 int  day)
{
  gint64 era;
  int yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = (int) (year - era * 400);
  doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      value = value * 10 + (c - '0');
    }
  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static gboolean
date_is_valid (int year,
               int month,
               int day)
{
  static const int days_in_month[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month < 1 || month > 12 || day < 1)
    return FALSE;
  if (month == 2 && is_leap_year (year))
    return day <= 29;
  return day <= days_in_month[month - 1];
}

/* The form nearly every device writes: YYYY-MM-DDTHH:MM:SS[.f*] then
 * Z, an offset or nothing (read as UTC, as GPX 1.0 files do). Returns
 * FALSE for anything else so the caller can ask GDateTime. */
static gboolean
parse_time_fast (const char *p,
                 gint64     *out_us)
{
  int year, month, day, hour, minute, second;
  gint64 micro = 0, offset_s = 0;

  if (!read_digits (&p, 4, &year) || *p++ != '-' ||
      !read_digits (&p, 2, &month) || *p++ != '-' ||
      !read_digits (&p, 2, &day) || (*p != 'T' && *p != 't') ||
      (p++, !read_digits (&p, 2, &hour)) || *p++ != ':' ||
      !read_digits (&p, 2, &minute) || *p++ != ':' ||
      !read_digits (&p, 2, &second))
    return FALSE;
  if (!date_is_valid (year, month, day) || hour > 23 || minute > 59 || second > 59)
    return FALSE;

  if (*p == '.' || *p == ',')
    {
      int scale = 100000;

      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++, scale /= 10)
        micro += (*p - '0') * scale;
    }

  if (*p == 'Z' || *p == 'z')
    p++;
  else if (*p == '+' || *p == '-')
    {
      int sign = *p++ == '-' ? -1 : 1;
      int off_h, off_m;

      if (!read_digits (&p, 2, &off_h))
        return FALSE;
      if (*p == ':')
        p++;
      if (!read_digits (&p, 2, &off_m) || off_h > 23 || off_m > 59)
        return FALSE;
      offset_s = sign * (off_h * 3600 + off_m * 60);
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    return FALSE;

  *out_us = ((days_from_civil (year, month, day) * 86400 +
              hour * 3600 + minute * 60 + second - offset_s) * G_USEC_PER_SEC) + micro;
  return TRUE;
}

/* Microseconds since the Unix epoch of an ISO 8601 date-time; a time
 * without a zone is UTC, as GPX 1.0 files and Spotify exports mean it. */
gboolean
rsb_time_parse_iso8601 (const char *text,
                        gint64     *out_us)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *stripped = NULL;

  while (g_ascii_isspace (*text))
    text++;
  if (parse_time_fast (text, out_us))
    return TRUE;

  stripped = g_strstrip (g_strdup (text));
  utc = g_time_zone_new_utc ();
  date_time = g_date_time_new_from_iso8601 (stripped, utc);
  if (date_time == NULL)
    return FALSE;
  *out_us = g_date_time_to_unix (date_time) * G_USEC_PER_SEC +
            g_date_time_get_microsecond (date_time);
  return TRUE;
}

gboolean
rsb_time_listen_is_plausible (gint64 unix_s)
{
  return unix_s > 0 && unix_s <= g_get_real_time () / G_USEC_PER_SEC + 24 * 3600;
}
