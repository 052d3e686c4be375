/* fd-call-ladder.h: which rung of the send-size ladder (fd-call-rate.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FD_CALL_LADDER_RUNGS 5

/* The ladder's state; main context only. */
typedef struct {
  int    rung;                                 /* 0 = the full size */
  int    up_ticks;                             /* ticks in a row with room */
  double prev_remb;                            /* at the last tick; 0 = none */
  gint64 remb_drop_us;                         /* when it last fell; 0 = never */
  gint64 climb_us;                             /* the last climb, while on trial; 0 = none */
  int    climb_rung;                           /* the rung it went up to */
  double climb_remb;                           /* the estimate it was made on */
  gint64 retry_us[FD_CALL_LADDER_RUNGS];       /* no climb to that rung before */
  gint64 backoff_us[FD_CALL_LADDER_RUNGS];     /* its next wait if a climb fails */
  double failed_remb[FD_CALL_LADDER_RUNGS];    /* the estimate its last failed climb was made on */
} FdCallLadder;

void _fd_call_ladder_init (FdCallLadder *self,
                           int           rung);
int  _fd_call_ladder_step (FdCallLadder *self,
                           const double  need[FD_CALL_LADDER_RUNGS],
                           double        target_bps,
                           double        remb_bps,
                           gint64        now_us);

G_END_DECLS
