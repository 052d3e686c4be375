/* fd-relay-resume.c: resume tokens a relay can verify after a restart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connected call's two sides each get a token with call-accepted. It names nothing secret: it
 * is an expiry and an HMAC-SHA256 over the call id, the side's role and identity and that expiry,
 * under a key the relay keeps in its state directory. So a relay that restarted can still check
 * a call-resume for a call whose record is open (fd-relay-router-resume.c rebuilds the call from
 * it), and a token never fits another call, another side or another identity, nor outlives its
 * expiry. The key file is made once, 0600, by the relay's own user; a key anyone else could read
 * would let them mint tokens, so such a file is refused.
 */
#define G_LOG_DOMAIN "fd-relay"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gio.h>

#include "fd-relay-resume.h"

#define TOKEN_VERSION 1
#define MAC_BYTES     32
#define TOKEN_BYTES   (1 + 8 + MAC_BYTES)

static gboolean
read_key (int          fd,
          const char  *path,
          guint8       key[FD_RELAY_RESUME_KEY_BYTES],
          GError     **error)
{
  struct stat st;
  gsize got = 0;

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_uid != geteuid ()
      || (st.st_mode & 0077) != 0 || st.st_size != FD_RELAY_RESUME_KEY_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "resume key %s: must be a regular file of %d bytes, owned by the relay's user "
                   "and readable by it only (mode 0600)", path, FD_RELAY_RESUME_KEY_BYTES);
      return FALSE;
    }
  while (got < FD_RELAY_RESUME_KEY_BYTES)
    {
      ssize_t n = read (fd, key + got, FD_RELAY_RESUME_KEY_BYTES - got);

      if (n <= 0 && !(n < 0 && errno == EINTR))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "resume key %s: cannot read it",
                       path);
          return FALSE;
        }
      got += MAX (n, 0);
    }
  return TRUE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return fsync (fd) == 0;
}

gboolean
fd_relay_resume_key_load (const char  *path,
                          guint8       key[FD_RELAY_RESUME_KEY_BYTES],
                          GError     **error)
{
  g_autofree char *tmp = NULL;
  int fd;
  gboolean ok;
  gboolean raced = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);

  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd >= 0)
    {
      ok = read_key (fd, path, key, error);
      close (fd);
      return ok;
    }
  if (errno != ENOENT)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "resume key %s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  /* A new key, written whole under another name and then linked in: a relay killed meanwhile
   * leaves no half key behind, and two relays starting together agree on one. */
  if (getrandom (key, FD_RELAY_RESUME_KEY_BYTES, 0) != FD_RELAY_RESUME_KEY_BYTES)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "resume key %s: no random bytes", path);
      return FALSE;
    }
  tmp = g_strdup_printf ("%s.%d.new", path, (int) getpid ());
  fd = open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "resume key %s: %s", tmp,
                   g_strerror (saved));
      return FALSE;
    }
  ok = write_all (fd, key, FD_RELAY_RESUME_KEY_BYTES);
  close (fd);
  if (ok && link (tmp, path) != 0)
    {
      ok = FALSE;
      raced = errno == EEXIST;
    }
  unlink (tmp);
  if (raced)
    return fd_relay_resume_key_load (path, key, error);   /* another relay made it first */
  if (!ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "resume key %s: cannot write it",
                   path);
      return FALSE;
    }
  g_message ("made a new resume key in %s", path);
  return TRUE;
}

char *
fd_relay_resume_key_path (const char *database)
{
  const char *state = g_getenv ("STATE_DIRECTORY");

  if (state != NULL && g_path_is_absolute (state))
    {
      g_auto(GStrv) dirs = g_strsplit (state, ":", 2);

      return g_build_filename (dirs[0], "resume.key", NULL);
    }
  if (database == NULL || g_str_has_prefix (database, "postgres"))
    return NULL;
  {
    g_autofree char *dir = g_path_get_dirname (database);

    return g_build_filename (dir, "resume.key", NULL);
  }
}

static void
token_mac (const guint8  key[FD_RELAY_RESUME_KEY_BYTES],
           const char   *call_id,
           FdSignalRole  role,
           const char   *party_id,
           const guint8  expiry[8],
           guint8        mac[MAC_BYTES])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_SHA256, key, FD_RELAY_RESUME_KEY_BYTES);
  const char *role_name = fd_signal_role_to_string (role);
  gsize len = MAC_BYTES;

  /* Each field with its terminating NUL: no two different triples give the same input. */
  g_hmac_update (hmac, (const guchar *) "frontdesk-resume-1", 19);
  g_hmac_update (hmac, (const guchar *) call_id, strlen (call_id) + 1);
  g_hmac_update (hmac, (const guchar *) role_name, strlen (role_name) + 1);
  g_hmac_update (hmac, (const guchar *) party_id, strlen (party_id) + 1);
  g_hmac_update (hmac, expiry, 8);
  g_hmac_get_digest (hmac, mac, &len);
}

char *
fd_relay_resume_token (const guint8  key[FD_RELAY_RESUME_KEY_BYTES],
                       const char   *call_id,
                       FdSignalRole  role,
                       const char   *party_id,
                       gint64        expires_s)
{
  guint8 raw[TOKEN_BYTES];
  guint64 be = GUINT64_TO_BE ((guint64) expires_s);
  char *b64;

  g_return_val_if_fail (call_id != NULL && party_id != NULL, NULL);

  raw[0] = TOKEN_VERSION;
  memcpy (raw + 1, &be, 8);
  token_mac (key, call_id, role, party_id, raw + 1, raw + 9);
  b64 = g_base64_encode (raw, sizeof raw);
  g_strdelimit (b64, "+", '-');
  g_strdelimit (b64, "/", '_');
  g_strdelimit (b64, "=", '\0');
  return b64;
}

gboolean
fd_relay_resume_token_check (const guint8  key[FD_RELAY_RESUME_KEY_BYTES],
                             const char   *token,
                             const char   *call_id,
                             FdSignalRole  role,
                             const char   *party_id,
                             gint64        now_s)
{
  char text[64];
  gsize n, len = 0;
  g_autofree guchar *raw = NULL;
  guint8 mac[MAC_BYTES];
  guint64 be;
  guint8 diff = 0;

  if (token == NULL || call_id == NULL || party_id == NULL)
    return FALSE;
  n = strlen (token);
  /* 41 bytes are 55 characters of unpadded base64url. */
  if (n != 55)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      char c = token[i];

      if (!g_ascii_isalnum (c) && c != '-' && c != '_')
        return FALSE;
      text[i] = c == '-' ? '+' : (c == '_' ? '/' : c);
    }
  text[n] = '=';
  text[n + 1] = '\0';
  raw = g_base64_decode (text, &len);
  if (len != TOKEN_BYTES || raw[0] != TOKEN_VERSION)
    return FALSE;
  token_mac (key, call_id, role, party_id, raw + 1, mac);
  for (gsize i = 0; i < MAC_BYTES; i++)
    diff |= (guint8) (mac[i] ^ raw[9 + i]);
  memcpy (&be, raw + 1, 8);
  return diff == 0 && (gint64) GUINT64_FROM_BE (be) >= now_s;
}
