/* fd-call-cert.c: the process's DTLS certificate (ECDSA P-256)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call"

#include "config.h"

#include "fd-call-cert.h"

#include <string.h>

#include "fd-call-engine.h"

#include <gst/sdp/sdp.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIGNUM, BN_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_NAME, X509_NAME_free)

/* Valid for a year from a day ago (clock skew between the two ends); a
 * process makes a new one each time it starts. WebRTC peers check the
 * fingerprint from the signalling, not a chain or a name. */
#define CERT_DAYS 365

static gboolean
_fd_call_cert_name (X509 *x509)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  g_autoptr(X509_NAME) name = X509_NAME_new ();
  unsigned char random[12];
  char common_name[sizeof random + 1];

  /* A random name: nothing about the hall, the desk or the machine. */
  if (name == NULL || RAND_bytes (random, sizeof random) != 1)
    return FALSE;
  for (gsize i = 0; i < sizeof random; i++)
    common_name[i] = alphabet[random[i] % (sizeof alphabet - 1)];
  common_name[sizeof random] = '\0';
  return X509_NAME_add_entry_by_NID (name, NID_commonName, MBSTRING_ASC,
                                     (const unsigned char *) common_name, -1, -1, 0) == 1 &&
         X509_set_subject_name (x509, name) == 1 &&
         X509_set_issuer_name (x509, name) == 1;
}

static char *
_fd_call_cert_make (void)
{
  g_autoptr(EVP_PKEY) key = EVP_EC_gen ("P-256");
  g_autoptr(X509) x509 = X509_new ();
  g_autoptr(BIGNUM) serial = BN_new ();
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long length;

  if (key == NULL || x509 == NULL || serial == NULL || bio == NULL)
    return NULL;
  if (X509_set_version (x509, 2) != 1 ||                       /* X.509 v3 */
      BN_rand (serial, 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
      BN_to_ASN1_INTEGER (serial, X509_get_serialNumber (x509)) == NULL ||
      !_fd_call_cert_name (x509) ||
      X509_gmtime_adj (X509_getm_notBefore (x509), -24 * 3600L) == NULL ||
      X509_gmtime_adj (X509_getm_notAfter (x509), CERT_DAYS * 24 * 3600L) == NULL ||
      X509_set_pubkey (x509, key) != 1 ||
      X509_sign (x509, key, EVP_sha256 ()) == 0)
    return NULL;
  /* The certificate, then the key: GStreamer's dtlsdec "pem" reads both from
   * one string. */
  if (PEM_write_bio_X509 (bio, x509) != 1 ||
      PEM_write_bio_PrivateKey (bio, key, NULL, NULL, 0, NULL, NULL) != 1)
    return NULL;
  length = BIO_get_mem_data (bio, &data);
  if (length <= 0 || data == NULL)
    return NULL;
  return g_strndup (data, (gsize) length);
}

const char *
_fd_call_cert_pem (void)
{
  static char *pem = NULL;
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      pem = _fd_call_cert_make ();
      if (pem == NULL)
        g_warning ("Could not make the call certificate (ECDSA P-256); "
                   "calls use GStreamer's RSA certificate");
      g_once_init_leave (&done, 1);
    }
  return pem;
}

/* What the engine's webrtcbin carries: whether its transports present our
 * certificate, and what the peer announced in its session description. */
typedef struct {
  FdCallCertMismatch on_mismatch;
  gpointer           data;
  gboolean           ours;      /* a dtlssrtpdec was given _fd_call_cert_pem() */
  GMutex             lock;      /* for the two below: DTLS threads read them */
  GPtrArray         *expected;  /* the peer's "a=fingerprint" values: "sha-256 AB:…" */
  gboolean           reported;
} CertState;

#define CERT_STATE_KEY "fd-call-cert-state"
/* More than a real description holds (one per algorithm per transport). */
#define MAX_FINGERPRINTS 16

static void
_fd_call_cert_state_free (gpointer data)
{
  CertState *state = data;

  g_clear_pointer (&state->expected, g_ptr_array_unref);
  g_mutex_clear (&state->lock);
  g_free (state);
}

static CertState *
_fd_call_cert_state (GstElement *webrtc)
{
  return g_object_get_data (G_OBJECT (webrtc), CERT_STATE_KEY);
}

static X509 *
_fd_call_cert_read (const char *pem)
{
  g_autoptr(BIO) bio = BIO_new_mem_buf (pem, -1);

  return bio != NULL ? PEM_read_bio_X509 (bio, NULL, NULL, NULL) : NULL;
}

/* @x509 hashed with @algorithm as SDP names it ("sha-256"), written as SDP
 * writes it; NULL for an unknown algorithm. */
static char *
_fd_call_cert_digest (X509       *x509,
                      const char *algorithm)
{
  g_autofree char *name = NULL;
  const EVP_MD *md;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  GString *out;

  /* RFC 8122's names ("sha-1", "sha-256") without the dash are OpenSSL's;
   * only the SHA family (not md5, md2: RFC 8122 forbids them) */
  name = g_ascii_strdown (algorithm, -1);
  if (!g_str_has_prefix (name, "sha-"))
    return NULL;
  memmove (name + 3, name + 4, strlen (name + 4) + 1);
  if ((md = EVP_get_digestbyname (name)) == NULL || EVP_MD_get_size (md) < 20)
    return NULL;
  if (X509_digest (x509, md, digest, &length) != 1)
    return NULL;
  out = g_string_sized_new (length * 3);
  for (unsigned int i = 0; i < length; i++)
    g_string_append_printf (out, i == 0 ? "%02X" : ":%02X", digest[i]);
  return g_string_free (out, FALSE);
}

char *
_fd_call_cert_fingerprint (const char *pem)
{
  g_autoptr(X509) x509 = NULL;

  g_return_val_if_fail (pem != NULL, NULL);

  x509 = _fd_call_cert_read (pem);
  return x509 != NULL ? _fd_call_cert_digest (x509, "sha-256") : NULL;
}

/* The peer's certificate, as the handshake (DTLS thread) received it: it has
 * to be the one the peer's description announced. webrtcbin 1.22 accepts
 * any certificate and compares nothing (dtlsdec's on-peer-certificate
 * handler returns TRUE), so a machine on the media path could otherwise
 * stand in for the peer. */
static void
_fd_call_cert_on_peer_pem (GObject    *element,
                           GParamSpec *pspec,
                           gpointer    user_data)
{
  CertState *state = _fd_call_cert_state (GST_ELEMENT (user_data));
  g_autofree char *pem = NULL;
  g_autoptr(X509) x509 = NULL;
  gboolean match = FALSE;
  gboolean report;

  g_object_get (element, "peer-pem", &pem, NULL);
  if (state == NULL || pem == NULL)
    return;
  /* no certificate to read: no match, the call ends as for a wrong one */
  x509 = _fd_call_cert_read (pem);
  g_mutex_lock (&state->lock);
  for (guint i = 0; x509 != NULL && state->expected != NULL && i < state->expected->len && !match; i++)
    {
      const char *announced = g_ptr_array_index (state->expected, i);
      const char *space = strchr (announced, ' ');
      g_autofree char *algorithm = g_strndup (announced, (gsize) (space - announced));
      g_autofree char *digest = _fd_call_cert_digest (x509, algorithm);

      match = digest != NULL && g_ascii_strcasecmp (digest, space + 1) == 0;
    }
  report = !match && !state->reported;
  state->reported |= report;
  g_mutex_unlock (&state->lock);
  if (report)
    state->on_mismatch (state->data);
}

static void
_fd_call_cert_set (const GValue *item,
                   gpointer      user_data)
{
  GstElement *element = g_value_get_object (item);
  GstElementFactory *factory = gst_element_get_factory (element);
  CertState *state = _fd_call_cert_state (GST_ELEMENT (user_data));
  const char *pem = _fd_call_cert_pem ();

  if (factory == NULL || g_strcmp0 (GST_OBJECT_NAME (factory), "dtlssrtpdec") != 0)
    return;
  /* dtlssrtpdec holds the connection's agent; setting its "pem" makes a new
   * agent and connection before the transport starts (webrtcbin adds its
   * transport bins in NULL state, before it reads the fingerprint for the
   * SDP, and dtlssrtpenc takes the connection only when it starts). */
  if (pem != NULL)
    {
      g_object_set (element, "pem", pem, NULL);
      state->ours = TRUE;  /* the SDP's fingerprint is then to be mended */
    }
  g_signal_connect (element, "notify::peer-pem", G_CALLBACK (_fd_call_cert_on_peer_pem),
                    user_data);
}

static void
_fd_call_cert_on_element_added (GstBin     *bin,
                                GstElement *element,
                                gpointer    user_data)
{
  GValue item = G_VALUE_INIT;

  if (GST_IS_BIN (element))
    {
      g_autoptr(GstIterator) it = gst_bin_iterate_recurse (GST_BIN (element));

      while (gst_iterator_foreach (it, _fd_call_cert_set, bin) == GST_ITERATOR_RESYNC)
        gst_iterator_resync (it);
      return;
    }
  g_value_init (&item, GST_TYPE_ELEMENT);
  g_value_set_object (&item, element);
  _fd_call_cert_set (&item, bin);
  g_value_unset (&item);
}

void
_fd_call_cert_attach (GstElement         *webrtc,
                      FdCallCertMismatch  on_mismatch,
                      gpointer            data)
{
  CertState *state;

  g_return_if_fail (GST_IS_BIN (webrtc));
  g_return_if_fail (on_mismatch != NULL);
  g_return_if_fail (_fd_call_cert_state (webrtc) == NULL);

  state = g_new0 (CertState, 1);
  state->on_mismatch = on_mismatch;
  state->data = data;
  g_mutex_init (&state->lock);
  g_object_set_data_full (G_OBJECT (webrtc), CERT_STATE_KEY, state, _fd_call_cert_state_free);
  g_signal_connect (webrtc, "element-added", G_CALLBACK (_fd_call_cert_on_element_added), NULL);
}

static void
_fd_call_cert_collect (GPtrArray  *out,
                       const char *key,
                       const char *value)
{
  const char *space;

  if (g_strcmp0 (key, "fingerprint") != 0 || value == NULL || out->len >= MAX_FINGERPRINTS)
    return;
  /* "ALGORITHM HEX:HEX:…", bounded; anything else is not a fingerprint */
  space = strchr (value, ' ');
  if (space == NULL || space == value || space - value > 16 || strlen (space + 1) > 64 * 3)
    return;
  for (guint i = 0; i < out->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (out, i), value) == 0)
      return;
  g_ptr_array_add (out, g_strdup (value));
}

gboolean
_fd_call_cert_expect (GstElement           *webrtc,
                      const GstSDPMessage  *remote,
                      GError              **error)
{
  CertState *state;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (GST_IS_ELEMENT (webrtc), FALSE);
  g_return_val_if_fail (remote != NULL, FALSE);

  if ((state = _fd_call_cert_state (webrtc)) == NULL)
    return TRUE;
  for (guint i = 0; i < gst_sdp_message_attributes_len (remote); i++)
    {
      const GstSDPAttribute *a = gst_sdp_message_get_attribute (remote, i);

      _fd_call_cert_collect (expected, a->key, a->value);
    }
  for (guint m = 0; m < gst_sdp_message_medias_len (remote); m++)
    {
      const GstSDPMedia *media = gst_sdp_message_get_media (remote, m);

      for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
        {
          const GstSDPAttribute *a = gst_sdp_media_get_attribute (media, i);

          _fd_call_cert_collect (expected, a->key, a->value);
        }
    }
  if (expected->len == 0)
    {
      g_set_error_literal (error, FD_CALL_ERROR, FD_CALL_ERROR_NEGOTIATION,
                           "The peer's session description has no DTLS fingerprint: "
                           "its media could not be authenticated");
      return FALSE;
    }
  g_mutex_lock (&state->lock);
  g_clear_pointer (&state->expected, g_ptr_array_unref);
  state->expected = g_steal_pointer (&expected);
  g_mutex_unlock (&state->lock);
  return TRUE;
}

void
_fd_call_cert_fix_sdp (GstElement    *webrtc,
                       GstSDPMessage *sdp)
{
  static char *value = NULL;
  static gsize done = 0;
  CertState *state;

  g_return_if_fail (GST_IS_ELEMENT (webrtc));
  g_return_if_fail (sdp != NULL);

  if ((state = _fd_call_cert_state (webrtc)) == NULL || !state->ours)
    return;
  if (g_once_init_enter (&done))
    {
      g_autofree char *fingerprint = _fd_call_cert_fingerprint (_fd_call_cert_pem ());

      value = g_strconcat ("sha-256 ", fingerprint, NULL);
      g_once_init_leave (&done, 1);
    }
  /* at session level, and in each media section (webrtcbin writes it there) */
  for (guint i = 0; i < gst_sdp_message_attributes_len (sdp); i++)
    if (g_strcmp0 (gst_sdp_message_get_attribute (sdp, i)->key, "fingerprint") == 0)
      {
        GstSDPAttribute fixed;

        gst_sdp_attribute_set (&fixed, "fingerprint", value);
        gst_sdp_message_replace_attribute (sdp, i, &fixed);
      }
  for (guint m = 0; m < gst_sdp_message_medias_len (sdp); m++)
    {
      GstSDPMedia *media = (GstSDPMedia *) gst_sdp_message_get_media (sdp, m);

      for (guint i = 0; i < gst_sdp_media_attributes_len (media); i++)
        if (g_strcmp0 (gst_sdp_media_get_attribute (media, i)->key, "fingerprint") == 0)
          {
            GstSDPAttribute fixed;

            gst_sdp_attribute_set (&fixed, "fingerprint", value);
            gst_sdp_media_replace_attribute (media, i, &fixed);
          }
    }
}
