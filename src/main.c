/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "rsb-application.h"
#include "rsb-cli.h"
#include "rsb-locale.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RsbApplication) app = NULL;

  rsb_locale_init ();

  app = rsb_application_new ();
  rsb_cli_install (G_APPLICATION (app));
  return g_application_run (G_APPLICATION (app), argc, argv);
}
