#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A fresh private folder for one test, and its removal. */
char *rsb_test_dir_new    (const char *purpose);
void  rsb_test_dir_remove (char       *dir);

G_END_DECLS
