/* test-call-cert.c: the calls' own DTLS certificate (fd-call-cert.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The certificate itself (ECDSA P-256, self-signed, valid now, made once),
 * and a real call between two engines on 127.0.0.1 inside a private network
 * namespace (netns-run.sh): both session descriptions carry its fingerprint,
 * and the DTLS handshake with it connects; a peer whose certificate is not
 * the one its description announced fails the call. Every wait is bounded.
 */
#include "config.h"

#include <gst/gst.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <string.h>

#include "call-test-util.h"
#include "fd-call-cert.h"
#include "fd-call-engine.h"
#include "fd-call-loopback.h"

#define WAIT_S 30

static void
test_cert_pem (void)
{
  const char *pem = _fd_call_cert_pem ();
  BIO *bio;
  X509 *x509;
  EVP_PKEY *key, *public_key;
  char group[64] = "";
  size_t group_length = 0;
  g_autofree char *fingerprint = NULL;

  g_assert_nonnull (pem);
  /* made once: the same string for every call of the process */
  g_assert_true (_fd_call_cert_pem () == pem);

  bio = BIO_new_mem_buf (pem, -1);
  x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  g_assert_nonnull (x509);
  key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);
  g_assert_nonnull (key);
  BIO_free (bio);

  /* P-256, the key of the certificate, which it signed itself */
  g_assert_cmpint (EVP_PKEY_get_base_id (key), ==, EVP_PKEY_EC);
  g_assert_cmpint (EVP_PKEY_get_group_name (key, group, sizeof group, &group_length), ==, 1);
  g_assert_cmpstr (group, ==, "prime256v1");
  public_key = X509_get0_pubkey (x509);
  g_assert_cmpint (EVP_PKEY_eq (public_key, key), ==, 1);
  g_assert_cmpint (X509_verify (x509, key), ==, 1);
  g_assert_cmpint (X509_get_version (x509), ==, 2);
  /* valid now, and for months */
  g_assert_cmpint (X509_cmp_current_time (X509_get0_notBefore (x509)), <, 0);
  g_assert_cmpint (X509_cmp_time (X509_get0_notAfter (x509),
                                  &(time_t) { time (NULL) + 180 * 24 * 3600 }), >, 0);

  /* SDP's form: 32 bytes as upper-case hex pairs joined by ':' */
  fingerprint = _fd_call_cert_fingerprint (pem);
  g_assert_nonnull (fingerprint);
  g_assert_cmpuint (strlen (fingerprint), ==, 32 * 3 - 1);
  for (gsize i = 0; fingerprint[i] != '\0'; i++)
    g_assert_true (i % 3 == 2 ? fingerprint[i] == ':' : g_ascii_isxdigit (fingerprint[i]) &&
                   !g_ascii_islower (fingerprint[i]));
  g_assert_null (_fd_call_cert_fingerprint ("not a certificate"));

  EVP_PKEY_free (key);
  X509_free (x509);
}

typedef struct {
  char *offer;
  char *answer;
} Descriptions;

static void
on_local_description (FdCallEngine *engine,
                      const char   *type,
                      const char   *sdp,
                      Descriptions *d)
{
  char **slot = g_str_equal (type, "offer") ? &d->offer : &d->answer;

  if (*slot == NULL)
    *slot = g_strdup (sdp);
}

/* The sha-256 fingerprint of a session description (one, with BUNDLE). */
static char *
sdp_fingerprint (const char *sdp)
{
  const char *line = strstr (sdp, "a=fingerprint:sha-256 ");

  g_assert_nonnull (line);
  line += strlen ("a=fingerprint:sha-256 ");
  return g_strndup (line, strcspn (line, "\r\n"));
}

static void
test_call_presents_cert (void)
{
  g_autoptr(FdCallEngine) a = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, TRUE);
  g_autoptr(FdCallEngine) b = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *ours = _fd_call_cert_fingerprint (_fd_call_cert_pem ());
  g_autofree char *in_offer = NULL;
  g_autofree char *in_answer = NULL;
  Descriptions d = { NULL, NULL };
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_TIME_SPAN_SECOND;

  g_signal_connect (a, "local-description", G_CALLBACK (on_local_description), &d);
  g_signal_connect (b, "local-description", G_CALLBACK (on_local_description), &d);
  fd_call_loopback_connect (a, b);
  g_assert_true (fd_call_engine_start (b, &error));
  g_assert_true (fd_call_engine_start (a, &error));
  g_assert_no_error (error);

  /* connected: the DTLS handshake with the certificate went through */
  while (fd_call_engine_get_state (a) != FD_CALL_STATE_CONNECTED ||
         fd_call_engine_get_state (b) != FD_CALL_STATE_CONNECTED)
    {
      g_assert_cmpint (fd_call_engine_get_state (a), !=, FD_CALL_STATE_FAILED);
      g_assert_cmpint (fd_call_engine_get_state (b), !=, FD_CALL_STATE_FAILED);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }

  /* both ends presented it, not GStreamer's own RSA certificate */
  g_assert_nonnull (d.offer);
  g_assert_nonnull (d.answer);
  in_offer = sdp_fingerprint (d.offer);
  in_answer = sdp_fingerprint (d.answer);
  g_assert_cmpstr (in_offer, ==, ours);
  g_assert_cmpstr (in_answer, ==, ours);

  fd_call_engine_hang_up (a);
  fd_call_engine_hang_up (b);
  g_free (d.offer);
  g_free (d.answer);
}

/* ---- the peer's certificate is checked against its description --------- */

typedef enum {
  TAMPER_FINGERPRINT,   /* one hex digit of the answer's fingerprint changed */
  DROP_FINGERPRINT,     /* the offer without any a=fingerprint */
  SHA1_FINGERPRINT,     /* the answer's fingerprint as a (correct) sha-1 one */
} Tamper;

typedef struct {
  FdCallEngine *a;
  FdCallEngine *b;
  Tamper        tamper;
  GError       *set_error;
} Wire;

static char *
sha1_of_our_cert (void)
{
  BIO *bio = BIO_new_mem_buf (_fd_call_cert_pem (), -1);
  X509 *x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  GString *out = g_string_new ("sha-1 ");

  g_assert_cmpint (X509_digest (x509, EVP_sha1 (), digest, &length), ==, 1);
  for (unsigned int i = 0; i < length; i++)
    g_string_append_printf (out, i == 0 ? "%02X" : ":%02X", digest[i]);
  X509_free (x509);
  BIO_free (bio);
  return g_string_free (out, FALSE);
}

static char *
tampered (const char *sdp,
          Tamper      tamper)
{
  g_auto(GStrv) lines = g_strsplit (sdp, "\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "a=fingerprint:"))
        {
          if (tamper == DROP_FINGERPRINT)
            continue;
          if (tamper == SHA1_FINGERPRINT)
            {
              g_autofree char *sha1 = sha1_of_our_cert ();

              g_string_append_printf (out, "a=fingerprint:%s\r\n", sha1);
              continue;
            }
          /* the last hex digit, changed */
          lines[i][strlen (lines[i]) - 1] = lines[i][strlen (lines[i]) - 1] == '0' ? '1' : '0';
        }
      g_string_append (out, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static void
on_wire_description (FdCallEngine *from,
                     const char   *type,
                     const char   *sdp,
                     Wire         *w)
{
  FdCallEngine *to = from == w->a ? w->b : w->a;
  gboolean offer = g_str_equal (type, "offer");
  g_autofree char *text = NULL;

  /* the drop in the offer, the others in the answer */
  if ((w->tamper == DROP_FINGERPRINT) == offer)
    text = tampered (sdp, w->tamper);
  else
    text = g_strdup (sdp);
  if (!fd_call_engine_set_remote_description (to, type, text, w->set_error == NULL ? &w->set_error : NULL))
    g_test_message ("set_remote_description refused the %s", type);
}

static void
on_wire_ice (FdCallEngine *from,
             guint         mline,
             const char   *candidate,
             Wire         *w)
{
  fd_call_engine_add_remote_ice (from == w->a ? w->b : w->a, mline, candidate, NULL);
}

static void
wire_run (Wire   *w,
          Tamper  tamper)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_S * G_TIME_SPAN_SECOND;

  w->tamper = tamper;
  w->a = fd_call_test_engine (FD_CALL_ROLE_OFFERER, 640, 480, TRUE);
  w->b = fd_call_test_engine (FD_CALL_ROLE_ANSWERER, 640, 480, TRUE);
  g_signal_connect (w->a, "local-description", G_CALLBACK (on_wire_description), w);
  g_signal_connect (w->b, "local-description", G_CALLBACK (on_wire_description), w);
  g_signal_connect (w->a, "local-ice", G_CALLBACK (on_wire_ice), w);
  g_signal_connect (w->b, "local-ice", G_CALLBACK (on_wire_ice), w);
  g_assert_true (fd_call_engine_start (w->b, &error));
  g_assert_true (fd_call_engine_start (w->a, &error));
  g_assert_no_error (error);
  /* until one fails, or both are connected and have stayed so for 2 s */
  while (fd_call_engine_get_state (w->a) != FD_CALL_STATE_FAILED &&
         fd_call_engine_get_state (w->b) != FD_CALL_STATE_FAILED)
    {
      if (fd_call_engine_get_state (w->a) == FD_CALL_STATE_CONNECTED &&
          fd_call_engine_get_state (w->b) == FD_CALL_STATE_CONNECTED &&
          deadline - g_get_monotonic_time () > (WAIT_S - 2) * G_TIME_SPAN_SECOND)
        deadline = g_get_monotonic_time () + 2 * G_TIME_SPAN_SECOND;
      if (g_get_monotonic_time () > deadline)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static void
wire_end (Wire *w)
{
  fd_call_engine_hang_up (w->a);
  fd_call_engine_hang_up (w->b);
  g_clear_object (&w->a);
  g_clear_object (&w->b);
  g_clear_error (&w->set_error);
}

static void
test_peer_cert_must_match (void)
{
  Wire w = { 0 };
  const GError *failure;

  /* the answerer presents our certificate, but the offerer was told another */
  wire_run (&w, TAMPER_FINGERPRINT);
  g_assert_cmpint (fd_call_engine_get_state (w.a), ==, FD_CALL_STATE_FAILED);
  failure = fd_call_engine_get_error (w.a);
  g_assert_error (failure, FD_CALL_ERROR, FD_CALL_ERROR_CONNECTION);
  g_assert_nonnull (strstr (failure->message, "certificate"));
  wire_end (&w);
}

static void
test_description_without_fingerprint (void)
{
  Wire w = { 0 };

  /* nothing to check the handshake against: refused before any media */
  wire_run (&w, DROP_FINGERPRINT);
  g_assert_error (w.set_error, FD_CALL_ERROR, FD_CALL_ERROR_NEGOTIATION);
  g_assert_cmpint (fd_call_engine_get_state (w.b), ==, FD_CALL_STATE_FAILED);
  wire_end (&w);
}

static void
test_sha1_fingerprint_accepted (void)
{
  Wire w = { 0 };

  /* another algorithm RFC 8122 allows, with the right value: the call stands */
  wire_run (&w, SHA1_FINGERPRINT);
  g_assert_no_error (w.set_error);
  g_assert_cmpint (fd_call_engine_get_state (w.a), ==, FD_CALL_STATE_CONNECTED);
  g_assert_cmpint (fd_call_engine_get_state (w.b), ==, FD_CALL_STATE_CONNECTED);
  wire_end (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gst_init (&argc, &argv);
  fd_call_engine_prepare_wait ();

  g_test_add_func ("/call/cert/pem", test_cert_pem);
  g_test_add_func ("/call/cert/both-ends-present-it", test_call_presents_cert);
  g_test_add_func ("/call/cert/peer-must-match-its-description", test_peer_cert_must_match);
  g_test_add_func ("/call/cert/description-without-fingerprint", test_description_without_fingerprint);
  g_test_add_func ("/call/cert/sha-1-fingerprint-accepted", test_sha1_fingerprint_accepted);
  return g_test_run ();
}
