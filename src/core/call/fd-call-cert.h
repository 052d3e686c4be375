/* fd-call-cert.h: the process's DTLS certificate (ECDSA P-256)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gst/gst.h>
#include <gst/sdp/sdp.h>

G_BEGIN_DECLS

/* The certificate and private key every call of this process presents in its
 * DTLS handshake, as one PEM string (certificate first), made once on first
 * use (thread-safe) and kept for the process's life; NULL when it could not be
 * made (the calls then use GStreamer's own RSA certificate).
 *
 * Why our own: GStreamer 1.22's DTLS connection answers OpenSSL's MTU query
 * with 0, so every handshake flight is cut into 256-byte datagrams, and its
 * certificate is RSA-2048. With a P-256 key the certificate, the key exchange
 * signature and the certificate verify message shrink to about a third, so a
 * handshake needs about half the datagrams, and at 5 % loss about twice as
 * many handshakes go through without the 1 s retransmission timer (OpenSSL's
 * initial timeout, which GStreamer 1.22 does not let us change). */
const char *_fd_call_cert_pem         (void);

/* Called once, on a DTLS thread, when the peer's handshake presented a
 * certificate its session description did not announce. */
typedef void (*FdCallCertMismatch) (gpointer data);

/* Makes every DTLS transport webrtcbin @webrtc creates present
 * _fd_call_cert_pem() (when there is one), and check the peer's certificate
 * against the fingerprints _fd_call_cert_expect() took from its session
 * description: webrtcbin 1.22 checks nothing. Call once, before the first
 * offer or answer. */
void        _fd_call_cert_attach      (GstElement         *webrtc,
                                       FdCallCertMismatch  on_mismatch,
                                       gpointer            data);

/* Takes the fingerprints the peer announced in @remote (at most 16). FALSE
 * with FD_CALL_ERROR_NEGOTIATION when it announces none. */
gboolean    _fd_call_cert_expect      (GstElement           *webrtc,
                                       const GstSDPMessage  *remote,
                                       GError              **error);

/* webrtcbin 1.22 writes as the fingerprint a hash of everything in the PEM,
 * certificate and key: this puts the certificate's own in every
 * "a=fingerprint" of @sdp, a local description of @webrtc, when
 * _fd_call_cert_attach() gave @webrtc's transports the certificate.
 * A peer that checks fingerprints (a browser) refuses the handshake
 * otherwise. */
void        _fd_call_cert_fix_sdp     (GstElement    *webrtc,
                                       GstSDPMessage *sdp);

/* The SHA-256 fingerprint of a PEM certificate as SDP writes it
 * ("AB:CD:..."), or NULL when @pem holds no certificate. */
char       *_fd_call_cert_fingerprint (const char *pem);

G_END_DECLS
