/* fd-call-check.c: can this computer make video calls? (--check and the desk page)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both read the one element table of the call engine (fd-call-elements.c)
 * and the device monitor the engine picks its devices from.
 */
#define G_LOG_DOMAIN "fd-call-check"

#include "config.h"

#include <glib/gi18n.h>

#include "fd-call-check.h"
#include "fd-call-devices.h"
#include "fd-call-elements.h"

char *
fd_call_check_missing (void)
{
  g_autoptr(GPtrArray) missing = fd_call_elements_missing (FD_CALL_ELEMENT_CALL);
  g_autofree char *list = NULL;
  g_autofree char *packages = NULL;

  if (missing->len == 0)
    return NULL;
  list = fd_call_elements_describe (missing);
  packages = fd_call_elements_packages (missing);
  g_message ("GStreamer elements missing for calls: %s", list);
  /* Translators: the first %s lists GStreamer elements with their Debian
   * packages, e.g. "textoverlay (gstreamer1.0-x)"; the second the packages */
  return g_strdup_printf (_("This computer lacks parts that video calls need: %s. Ask your "
                            "administrator to install them (apt-get install %s), then press "
                            "Try Again."), list, packages);
}

static void
print_devices (FdCallDeviceKind  kind,
               const char       *title,
               const char       *none)
{
  g_autoptr(GPtrArray) devices = fd_call_list_devices (kind);

  g_print ("%s\n", title);
  if (devices->len == 0)
    g_print ("  %s\n", none);
  for (guint i = 0; i < devices->len; i++)
    {
      g_autofree char *name = gst_device_get_display_name (g_ptr_array_index (devices, i));

      g_print ("  %s%s\n", name, i == 0 ? _(" (used for calls)") : "");
    }
}

int
fd_call_check_print (void)
{
  g_autoptr(GPtrArray) missing = fd_call_elements_missing (FD_CALL_ELEMENT_CALL);
  guint n = 0;
  const FdCallElement *table = fd_call_elements_get (&n);
  guint needed = 0;

  for (guint i = 0; i < n; i++)
    if (table[i].use & FD_CALL_ELEMENT_CALL)
      needed++;
  g_print (_("GStreamer elements for video calls: %u of %u installed\n"), needed - missing->len,
           needed);
  for (guint i = 0; i < missing->len; i++)
    {
      const FdCallElement *e = g_ptr_array_index (missing, i);

      /* Translators: element name, what it is for (in English), Debian package */
      g_print (_("  missing: %s (%s), in Debian package %s\n"), e->factory, e->purpose,
               e->package);
    }
  if (missing->len > 0)
    {
      g_autofree char *packages = fd_call_elements_packages (missing);

      g_print (_("Install them: apt-get install %s\n"), packages);
    }
  print_devices (FD_CALL_DEVICE_CAMERA, _("Cameras:"),
                 _("none: calls send a test picture that says “No camera”"));
  print_devices (FD_CALL_DEVICE_MICROPHONE, _("Microphones:"),
                 _("none: calls send silence; the interpreter cannot hear this desk"));
  print_devices (FD_CALL_DEVICE_SPEAKER, _("Speakers:"),
                 _("none: the interpreter’s voice is not played"));
  g_print ("%s\n", missing->len == 0 ? _("Video calls can work on this computer.")
                                     : _("Video calls cannot work on this computer."));
  return missing->len == 0 ? 0 : 1;
}
