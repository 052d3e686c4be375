/* fd-call-cert.c: the process's DTLS certificate (ECDSA P-256)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fd-call"

#include "config.h"

#include "fd-call-cert.h"

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

static void
_fd_call_cert_set (const GValue *item,
                   gpointer      user_data)
{
  GstElement *element = g_value_get_object (item);
  GstElementFactory *factory = gst_element_get_factory (element);

  /* dtlssrtpdec holds the connection's agent; setting its "pem" makes a new
   * agent and connection before the transport starts (webrtcbin adds its
   * transport bins in NULL state, before it reads the fingerprint for the
   * SDP, and dtlssrtpenc takes the connection only when it starts). */
  if (factory != NULL && g_strcmp0 (GST_OBJECT_NAME (factory), "dtlssrtpdec") == 0)
    {
      GObject *webrtc = G_OBJECT (user_data);

      g_object_set (element, "pem", _fd_call_cert_pem (), NULL);
      /* the SDP's fingerprint is then to be mended (_fd_call_cert_fix_sdp) */
      g_object_set_data (webrtc, "fd-call-cert", GINT_TO_POINTER (TRUE));
    }
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
_fd_call_cert_attach (GstElement *webrtc)
{
  const char *pem = _fd_call_cert_pem ();

  g_return_if_fail (GST_IS_BIN (webrtc));

  if (pem != NULL)
    g_signal_connect (webrtc, "element-added", G_CALLBACK (_fd_call_cert_on_element_added), NULL);
}

void
_fd_call_cert_fix_sdp (GstElement    *webrtc,
                       GstSDPMessage *sdp)
{
  static char *value = NULL;
  static gsize done = 0;

  g_return_if_fail (GST_IS_ELEMENT (webrtc));
  g_return_if_fail (sdp != NULL);

  if (g_object_get_data (G_OBJECT (webrtc), "fd-call-cert") == NULL)
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

char *
_fd_call_cert_fingerprint (const char *pem)
{
  g_autoptr(BIO) bio = NULL;
  g_autoptr(X509) x509 = NULL;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  GString *out;

  g_return_val_if_fail (pem != NULL, NULL);

  bio = BIO_new_mem_buf (pem, -1);
  if (bio == NULL || (x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL)) == NULL)
    return NULL;
  if (X509_digest (x509, EVP_sha256 (), digest, &length) != 1)
    return NULL;
  out = g_string_sized_new (length * 3);
  for (unsigned int i = 0; i < length; i++)
    g_string_append_printf (out, i == 0 ? "%02X" : ":%02X", digest[i]);
  return g_string_free (out, FALSE);
}
