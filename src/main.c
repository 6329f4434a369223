#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "rsb-application.h"
#include "rsb-cli.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RsbApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = rsb_application_new ();
  rsb_cli_install (G_APPLICATION (app));
  return g_application_run (G_APPLICATION (app), argc, argv);
}
