/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rsb-locale.c: the user's language and formats, set once at start-up. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rsb-locale.h"

void
rsb_locale_init (void)
{
  /* An uninstalled build (and the translation tests) reads the
   * catalogues it compiled itself: RSB_LOCALE_DIR=<builddir>/po. */
  const char *dir = g_getenv ("RSB_LOCALE_DIR");

  /* Numbers, dates and the language all follow the environment:
   * g_date_time_format() names months and weekdays by LC_TIME. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
