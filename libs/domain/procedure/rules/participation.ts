import { art } from '../articles';
import { INSTANT_FORMAT, instantMs } from '../instant';
import { refuse, RefusalCode as R } from '../refusal';
import { Role, type Actor } from '../roles';
import type { ProcedureProfile } from '../profiles';
import { Phase, type Hearing, type ProcedureState, type PublicParticipation } from '../state';
import { BOOL, hash, isTime, list, need, oneOf, str } from './guards';
import { checkHearingCategories } from './matters';
import { DAY, type Chapter, type StepContext } from './rule';
import { SPECIAL_GROUP_PARTIES, type Payloads } from '../commands';
import { deadline, draftVersion, isoMinute, lastMaterialVersion, publicChannels, startDeadline, unconsultedGroups, zhMinute } from './shared';

/**
 * Art. 18 (decisions under `reportBeforeRevision`): the refusal of a substantial revision of a draft put out for public
 * comment whose adoption report is not recorded: the comments received on it are studied and answered first, so that
 * none is left out of every report (a revised draft is consulted on afresh, its report answering only its own period's
 * comments). A symposium or a hearing alone does not hold a revision: their records stay in the decision's record, and
 * the public's receipts are not waiting on them.
 */
export function unreportedParticipation(s: ProcedureState): void {
  const pp = s.publicParticipation;
  if (!pp?.comment || pp.draftVersion < lastMaterialVersion(s) || pp.adoptionReport) return;
  const dueAt = !pp.comment.closedAt ? deadline(s, pp.comment.deadlineId)?.dueAt : undefined;
  const first = !pp.comment.closedAt
    ? { zh: `第${pp.draftVersion}版草案的公开征求意见正在进行${dueAt !== undefined ? `，期限至${zhMinute(dueAt)}届满` : ''}；期满结束征求意见（closePublicComment）并报告意见研究采纳情况（submitAdoptionReport）后`, en: `the comment period on draft ${pp.draftVersion} is open${dueAt !== undefined ? ` until ${isoMinute(dueAt)}` : ''}; once it has ended, been closed (closePublicComment) and the adoption of the opinions reported (submitAdoptionReport)` }
    : { zh: `第${pp.draftVersion}版草案公开征求意见收到的意见尚未报告研究采纳情况；报告意见研究采纳情况（submitAdoptionReport）后`, en: `the adoption of the comments received on draft ${pp.draftVersion} is not yet reported; once it is (submitAdoptionReport)` };
  refuse(
    R.WrongStage,
    {
      zh: `${first.zh}，方可对草案作实质性修改：社会各方面提出的意见应当归纳整理、研究论证，采纳合理意见完善草案（修改不属于实质性修改的，载明 material: false）`,
      en: `${first.en}, the draft may be substantially revised: the opinions received are summarised and studied, and reasonable ones adopted to improve the draft (a revision that is not substantial says material: false)`,
    },
    art(18),
  );
}

/**
 * 公众参与 (ch. II §2, Arts. 14–18): the comment period, hearings, other forms
 * of participation, and the report on the opinions adopted.
 */
export const participationRules: Chapter<'openPublicComment' | 'closePublicComment' | 'announceHearing' | 'scheduleHearing' | 'deliverHearingMaterials' | 'recordHearing' | 'cancelHearing' | 'recordParticipationForm' | 'submitAdoptionReport' | 'consultSpecialGroup'> = {
  openPublicComment: {
    roles: [Role.UndertakingUnit],
    basis: [art(15)],
    phases: [Phase.Consultation],
    shape(p) {
      need(Number.isInteger(p.days) && p.days >= 1 && p.days <= 365, 'days', { zh: '必须是1至365之间的整数天数', en: 'must be a whole number of days from 1 to 365' }, art(15));
      list(p.channels, 'channels', art(15), 1);
      p.channels.forEach((c, i) => str(c, `channels.${i}`, art(15), 200));
      if (p.shortenedReason !== undefined) str(p.shortenedReason, 'shortenedReason', art(15));
    },
    // Not an open task while a period on this draft runs or its participation is complete (我的待办 offered it).
    when(s) {
      requirePublicParticipation(s);
      const pp = s.publicParticipation;
      if (pp && pp.draftVersion >= lastMaterialVersion(s) && pp.comment && !pp.comment.closedAt) {
        refuse(R.Duplicate, { zh: '本决策草案的公开征求意见已经开始', en: 'a public comment period on this draft is already open' }, art(15));
      }
      if (pp && pp.draftVersion >= lastMaterialVersion(s) && pp.adoptionReport) {
        refuse(R.WrongStage, { zh: '本决策草案的公众参与已经完成；草案作实质性修改的，方可重新征求意见', en: 'public participation on this draft is complete; a substantially changed draft reopens it' }, art(18));
      }
    },
    validate(s, p, _a, ctx) {
      if (ctx.profile.publicChannels) publicChannels(p.channels, 'comment');
      const min = ctx.profile.minCommentDays;
      if (p.days < min.value && !p.shortenedReason) {
        refuse(R.ReasonRequired, { zh: `公开征求意见期限少于${min.value}日的，应当在征求意见时说明理由`, en: `a comment period shorter than ${min.value} days must state the reason when it opens` }, min.basis);
      }
    },
    periods: (_s, p, ctx) => [{ kind: 'calendar', start: ctx.now, days: p.days }],
    apply(s, p, _a, ctx, [period]) {
      const fresh = !s.publicParticipation || s.publicParticipation.draftVersion < lastMaterialVersion(s);
      if (fresh) s.publicParticipation = { draftVersion: draftVersion(s), hearings: [], otherForms: [] };
      const pp = s.publicParticipation!;
      pp.draftVersion = draftVersion(s);
      const id = `public-comment-v${pp.draftVersion}`;
      startDeadline(s, { id, label: '公开征求意见期 (public comment period)', basis: art(15), type: 'minimum', unit: 'calendar', days: p.days, shortenedReason: p.shortenedReason }, period, ctx);
      pp.comment = { deadlineId: id, channels: p.channels, openedAt: ctx.now, days: p.days, shortenedReason: p.shortenedReason };
    },
  },

  closePublicComment: {
    roles: [Role.UndertakingUnit],
    basis: [art(15)],
    phases: [Phase.Consultation],
    shape() {},
    when(s) {
      const c = s.publicParticipation?.comment;
      if (!c || c.closedAt) refuse(R.WrongStage, { zh: '没有正在进行的公开征求意见', en: 'no public comment period is open' }, art(15));
    },
    validate(s, _p, _a, ctx) {
      const c = s.publicParticipation!.comment!;
      const d = deadline(s, c.deadlineId)!;
      if (d.status === 'running' && d.dueAt !== undefined && ctx.now < d.dueAt) {
        refuse(R.PeriodRunning, { zh: `公开征求意见期限至${zhMinute(d.dueAt)}届满，不得提前结束`, en: `the comment period runs until ${isoMinute(d.dueAt)} and cannot be closed early` }, art(15));
      }
    },
    apply(s, _p, _a, ctx) {
      const c = s.publicParticipation!.comment!;
      c.closedAt = ctx.now;
      const d = deadline(s, c.deadlineId)!;
      if (d.status === 'running') d.status = 'elapsed';
    },
  },

  /**
   * Art. 16 paras 2–3 (`hearingAnnounced`): the hearing's time and place, and how its participants will be selected, are
   * published ahead: announced here, public from now on (GET /decisions/:id/hearings); the participants selected so
   * are named after (scheduleHearing). Announced again before it is held, it is rescheduled: its participants are named
   * anew for the new time or place.
   */
  announceHearing: {
    roles: [Role.UndertakingUnit],
    since: 'hearingAnnounced',
    basis: [art(16, 2), art(16, 3)],
    phases: [Phase.Consultation],
    shape(p) {
      str(p.hearingId, 'hearingId', art(16), 100);
      need(isTime(p.date), 'date', { zh: `必须是${INSTANT_FORMAT.zh}`, en: `must be ${INSTANT_FORMAT.en}` }, art(16, 2));
      str(p.place, 'place', art(16, 2), 200);
      // A place to come is no place announced (retest: '待定' was taken).
      need(!/^\s*(待定|未定|暂定|另行通知|另定|TBD|-+|无)\s*$/i.test(p.place), 'place', { zh: `应当写明听证会的地点，“${p.place}”不是地点；地点未定的，定下后再公布听证会`, en: `must name where the hearing is held: "${p.place}" is no place; announce the hearing once it is fixed` }, art(16, 2));
      hash(p.selectionMethodHash, 'selectionMethodHash', art(16, 3));
      if (p.organisedBy !== undefined) str(p.organisedBy, 'organisedBy', art(16), 200);
      if (p.online !== undefined) need(typeof p.online === 'boolean', 'online', BOOL, art(16));
    },
    when: (s, profile) => participationOpen(s, profile),
    // Offered while a hearing is required and none is announced for this draft.
    task: (s) => !!s.applicability?.hearingRequired && !currentParticipation(s)?.hearingsAnnounced?.length && !currentParticipation(s)?.hearings.length,
    validate(s, p, _a, ctx) {
      notHeldYet(s, p, ctx);
      hearingLeads(p.date, ctx);
    },
    apply(s, p, _a, ctx) {
      const pp = ensureParticipation(s);
      pp.hearingsAnnounced = [
        ...(pp.hearingsAnnounced ?? []).filter((h) => h.id !== p.hearingId),
        { id: p.hearingId, date: instantMs(p.date), place: p.place, selectionMethodHash: p.selectionMethodHash, ...(p.organisedBy !== undefined ? { organisedBy: p.organisedBy } : {}), ...(p.online ? { online: true } : {}), at: ctx.now },
      ];
      // Its participants, named for another time or place, are named anew.
      pp.hearings = pp.hearings.filter((h) => h.id !== p.hearingId);
    },
  },

  scheduleHearing: {
    roles: [Role.UndertakingUnit],
    basis: [art(16)],
    phases: [Phase.Consultation],
    shape(p) {
      str(p.hearingId, 'hearingId', art(16), 100);
      need(isTime(p.date), 'date', { zh: `必须是${INSTANT_FORMAT.zh}`, en: `must be ${INSTANT_FORMAT.en}` }, art(16));
      if (p.place !== undefined) str(p.place, 'place', art(16, 2), 200);
      hash(p.selectionMethodHash, 'selectionMethodHash', art(16));
      list(p.participants, 'participants', art(16), 1);
      p.participants.forEach((x, i) => {
        str(x?.id, `participants.${i}.id`, art(16), 100);
        str(x?.name, `participants.${i}.name`, art(16), 200);
        need(typeof x?.interested === 'boolean', `participants.${i}.interested`, BOOL, art(16));
      });
      checkHearingCategories(p.participants);
      if (p.organisedBy !== undefined) str(p.organisedBy, 'organisedBy', art(16), 200);
      if (p.online !== undefined) need(typeof p.online === 'boolean', 'online', BOOL, art(16));
    },
    when: (s, profile) => participationOpen(s, profile),
    // Under `hearingAnnounced`, offered while a hearing announced has no participants named yet.
    task: (s, profile) => !profile.hearingAnnounced || !!currentParticipation(s)?.hearingsAnnounced?.some((a) => !currentParticipation(s)!.hearings.some((h) => h.id === a.id)),
    validate(s, p, _a, ctx) {
      notHeldYet(s, p, ctx);
      if (ctx.profile.hearingAnnounced) asAnnounced(s, p);
      hearingLeads(p.date, ctx);
      if (ctx.profile.hearingParticipantsChecked) {
        const listed = new Set<string>();
        p.participants.forEach((x, i) => {
          if (listed.has(x.id)) refuse(R.InvalidPayload, { zh: `participants.${i}.id：听证参加人 ${x.name}（${x.id}）在名单中重复列出`, en: `participants.${i}.id: participant ${x.id} is listed twice` }, art(16));
          listed.add(x.id);
        });
        if (!p.participants.some((x) => x.interested)) {
          refuse(R.PrerequisiteMissing, { zh: '听证参加人中没有利害关系人的代表：遴选听证参加人应当保证相关各方都有代表参加听证会', en: 'no participant represents an interested party: the selection must give every side concerned a representative at the hearing' }, art(16));
        }
      }
      const share = ctx.profile.hearingInterestedShare;
      const interested = p.participants.filter((x) => x.interested).length / p.participants.length;
      if (interested < share.value) {
        refuse(R.PrerequisiteMissing, {
          zh: `利害关系人代表应当不少于听证参加人的${share.value * 100}%（现为${Math.round(interested * 100)}%）`,
          en: `interested parties must be at least ${share.value * 100}% of hearing participants (now ${Math.round(interested * 100)}%)`,
        }, share.basis);
      }
    },
    apply(s, p, _a, ctx) {
      const pp = ensureParticipation(s);
      pp.hearings = [
        ...pp.hearings.filter((h) => h.id !== p.hearingId),
        { id: p.hearingId, date: instantMs(p.date), ...placeOf(pp, p), noticePublishedAt: ctx.now, selectionMethodHash: p.selectionMethodHash, participants: p.participants, ...(p.organisedBy !== undefined ? { organisedBy: p.organisedBy } : {}), ...(p.online ? { online: true } : {}) },
      ];
    },
  },

  deliverHearingMaterials: {
    roles: [Role.UndertakingUnit],
    basis: [art(16)],
    phases: [Phase.Consultation],
    shape(p) {
      str(p.hearingId, 'hearingId', art(16), 100);
    },
    when(s) {
      if (!currentParticipation(s)?.hearings.length) refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未安排听证会（scheduleHearing）', en: 'no hearing is scheduled on this draft (scheduleHearing)' }, art(16));
    },
    // Offered in 我的待办 while a hearing scheduled has not had its materials delivered.
    task: (s) => !!currentParticipation(s)?.hearings.some((x) => !x.held && x.materialsDeliveredAt === undefined),
    validate(s, p, _a, ctx) {
      const h = currentParticipation(s)?.hearings.find((x) => x.id === p.hearingId);
      if (!h) refuse(R.PrerequisiteMissing, { zh: `未安排听证会 ${p.hearingId}`, en: `no hearing ${p.hearingId} is scheduled` }, art(16));
      const lead = ctx.profile.hearingMaterialsLeadDays;
      if (ctx.now > h.date - lead.value * DAY) {
        refuse(R.NoticeTooShort, {
          zh: `听证会材料应当于听证会（${zhMinute(h.date)}）${lead.value}日前送达听证参加人；请重新安排听证会`,
          en: `hearing materials must reach participants at least ${lead.value} days before the hearing (${isoMinute(h.date)}); reschedule the hearing`,
        }, lead.basis);
      }
    },
    apply(s, p, _a, ctx) {
      currentParticipation(s)!.hearings.find((x) => x.id === p.hearingId)!.materialsDeliveredAt = ctx.now;
    },
  },

  recordHearing: {
    roles: [Role.UndertakingUnit],
    basis: [art(16), art(17)],
    phases: [Phase.Consultation],
    shape(p) {
      str(p.hearingId, 'hearingId', art(17), 100);
      hash(p.transcriptHash, 'transcriptHash', art(17));
      list(p.signedBy, 'signedBy', art(17));
      if (p.refusals !== undefined) list(p.refusals, 'refusals', art(17));
      (p.refusals ?? []).forEach((r, i) => {
        str(r?.participantId, `refusals.${i}.participantId`, art(17));
        str(r?.witness, `refusals.${i}.witness`, art(17));
      });
      if (p.absent !== undefined) list(p.absent, 'absent', art(17));
      (p.absent ?? []).forEach((a, i) => {
        str(a?.participantId, `absent.${i}.participantId`, art(17));
        if (a?.reason !== undefined) str(a.reason, `absent.${i}.reason`, art(17), 500);
      });
    },
    when(s) {
      if (!currentParticipation(s)?.hearings.some((x) => !x.held)) refuse(R.PrerequisiteMissing, { zh: '本决策草案没有已安排、尚未举行的听证会', en: 'no hearing on this draft is scheduled and not yet held' }, art(16), art(17));
    },
    validate(s, p, actor, ctx) {
      const h = currentParticipation(s)?.hearings.find((x) => x.id === p.hearingId);
      if (!h) refuse(R.PrerequisiteMissing, { zh: `未安排听证会 ${p.hearingId}`, en: `no hearing ${p.hearingId} is scheduled` }, art(16));
      if (h.held) refuse(R.Duplicate, { zh: `听证会 ${p.hearingId} 的记录已经提交`, en: `hearing ${p.hearingId} is already recorded` }, art(17));
      if (ctx.now < h.date) refuse(R.PeriodRunning, { zh: `听证会定于${zhMinute(h.date)}举行，举行前不得提交听证记录`, en: `the hearing is scheduled for ${isoMinute(h.date)} and cannot be recorded before it is held` }, art(16));
      const lead = ctx.profile.hearingMaterialsLeadDays;
      if (h.materialsDeliveredAt === undefined || h.materialsDeliveredAt > h.date - lead.value * DAY) {
        // Said as it is, with what to do (statute tester: "hold it again" of a hearing never held, its participants renamed).
        const again = ctx.profile.hearingAnnounced ? { zh: '重新公布听证会时间（announceHearing）、公布名单并按时送达材料后举行', en: 'announce it again (announceHearing), name its participants and deliver the materials in time' } : { zh: '重新安排听证会并按时送达材料后举行', en: 'schedule it again and deliver the materials in time' };
        refuse(R.NoticeTooShort, {
          zh: `听证会材料${h.materialsDeliveredAt === undefined ? '没有送达听证参加人' : `于${zhMinute(h.materialsDeliveredAt)}才送达听证参加人`}，应当于听证会${lead.value}日前送达：本次听证会不能作为听证记录提交，应当${again.zh}`,
          en: `the materials ${h.materialsDeliveredAt === undefined ? 'never reached the participants' : `reached the participants only on ${isoMinute(h.materialsDeliveredAt)}`}, and must ${lead.value} days before the hearing: this hearing is not recorded; ${again.en}`,
        }, lead.basis);
      }
      if (ctx.profile.hearingRecordSigned) signedByParticipants(h, p, actor);
      const absent = (p.absent ?? []).map((a) => a.participantId);
      const accounted = new Set([...p.signedBy, ...(p.refusals ?? []).map((r) => r.participantId), ...absent]);
      const missing = h.participants.filter((x) => !accounted.has(x.id)).map((x) => x.id);
      if (missing.length) refuse(R.MissingDocument, {
          zh: `听证会记录应当经每位听证参加人确认并签字，拒绝签字的应当有见证人记录在案，未到场的记为缺席（absent）；缺少：${missing.join('、')}`,
          en: `the hearing record must be signed by every participant, a refusal recorded with a witness, one who did not attend recorded absent (absent); missing: ${missing.join(', ')}`,
        }, art(17));
      // A hearing no participant attended was not held (Art. 17: 听证参加人陈述意见、进行询问、质证和辩论).
      if (h.participants.length && h.participants.every((x) => absent.includes(x.id))) {
        refuse(R.InvalidPayload, {
          zh: `absent：听证会 ${h.id} 的听证参加人全部缺席，听证会没有举行，不能作为听证会记录提交；应当重新公布听证会时间并安排听证参加人后举行`,
          en: `absent: no participant of hearing ${h.id} attended: it was not held and is not recorded; announce it again and name its participants`,
        }, art(16), art(17));
      }
    },
    apply(s, p, _a, ctx) {
      const h = currentParticipation(s)!.hearings.find((x) => x.id === p.hearingId)!;
      h.held = { transcriptHash: p.transcriptHash, signedBy: p.signedBy, refusals: p.refusals ?? [], ...(p.absent?.length ? { absent: p.absent.map((a) => ({ participantId: a.participantId, ...(a.reason !== undefined ? { reason: a.reason } : {}) })) } : {}), at: ctx.now };
    },
  },

  /**
   * Art. 16: a hearing announced (or scheduled) that will not be held is called off, with the reason, published with its
   * notice (GET /decisions/:id/hearings marks it cancelled); its participants are released. Never an open task. Under
   * `announcedHearingHeld` an announced hearing is held or called off before the adoption report (statute tester: one
   * announced to the public and never held was passed over in silence, and could not be called off).
   */
  cancelHearing: {
    roles: [Role.UndertakingUnit],
    basis: [art(16)],
    phases: [Phase.Consultation],
    task: () => false,
    shape(p) {
      str(p.hearingId, 'hearingId', art(16), 100);
      str(p.reason, 'reason', art(16), 2000);
    },
    validate(s, p) {
      const pp = currentParticipation(s);
      const announced = pp?.hearingsAnnounced?.find((h) => h.id === p.hearingId);
      const scheduled = pp?.hearings.find((h) => h.id === p.hearingId);
      if (scheduled?.held) refuse(R.Duplicate, { zh: `听证会 ${p.hearingId} 已经举行，不能取消`, en: `hearing ${p.hearingId} has been held and is not called off` }, art(17));
      if (announced?.cancelled && !scheduled) refuse(R.Duplicate, { zh: `听证会 ${p.hearingId} 已经取消`, en: `hearing ${p.hearingId} is called off already` }, art(16));
      if (!scheduled && !announced) refuse(R.PrerequisiteMissing, { zh: `本决策草案没有已公布或者已安排的听证会 ${p.hearingId}`, en: `no hearing ${p.hearingId} is announced or scheduled on this draft` }, art(16));
    },
    apply(s, p, actor, ctx) {
      const pp = currentParticipation(s)!;
      pp.hearings = pp.hearings.filter((h) => h.id !== p.hearingId);
      const cancelled = { reason: p.reason, by: actor.id, at: ctx.now };
      if (pp.hearingsAnnounced?.some((h) => h.id === p.hearingId)) pp.hearingsAnnounced = pp.hearingsAnnounced.map((h) => (h.id === p.hearingId ? { ...h, cancelled } : h));
    },
  },

  recordParticipationForm: {
    roles: [Role.UndertakingUnit],
    basis: [art(14)],
    phases: [Phase.Consultation],
    shape(p) {
      oneOf(p.form, ['symposium', 'site_visit', 'written_solicitation', 'questionnaire', 'poll', 'group_consultation'], 'form', art(14));
      hash(p.recordHash, 'recordHash', art(14));
    },
    when: (s, profile) => participationOpen(s, profile),
    apply(s, p, _a, ctx) {
      ensureParticipation(s).otherForms.push({ form: p.form, recordHash: p.recordHash, at: ctx.now });
    },
  },

  submitAdoptionReport: {
    roles: [Role.UndertakingUnit],
    basis: [art(18)],
    phases: [Phase.Consultation],
    shape(p) {
      hash(p.reportHash, 'reportHash', art(18));
      list(p.groups, 'groups', art(18), 1);
      p.groups.forEach((g, i) => {
        hash(g?.groupHash, `groups.${i}.groupHash`, art(18));
        oneOf(g?.response, ['adopted', 'partly_adopted', 'not_adopted'], `groups.${i}.response`, art(18));
        if (g?.response !== 'adopted') str(g?.reason, `groups.${i}.reason`, art(18));
        if (g?.commentHashes !== undefined) {
          list(g.commentHashes, `groups.${i}.commentHashes`, art(18));
          g.commentHashes.forEach((c, j) => hash(c, `groups.${i}.commentHashes.${j}`, art(18)));
        }
      });
      const all = p.groups.flatMap((g) => g.commentHashes ?? []);
      need(new Set(all).size === all.length, 'groups', { zh: '每条意见只能在一个分组中答复', en: 'must answer each comment in one group only' }, art(18));
      const answered = p.commentsAnswered;
      if (answered === undefined) {
        p.groups.forEach((g, i) => need(g.commentCount === undefined, `groups.${i}.commentCount`, { zh: '仅在按系统汇总答复意见（commentsAnswered）时填写', en: 'is given only with commentsAnswered' }, art(18)));
        return;
      }
      need(answered !== null && typeof answered === 'object', 'commentsAnswered', { zh: '必须是对象', en: 'must be an object' }, art(18));
      // Answers are assigned to groups by their hash: a group named twice would make its count ambiguous.
      const groupHashes = p.groups.map((g) => g.groupHash);
      need(new Set(groupHashes).size === groupHashes.length, 'groups', { zh: '分组不能重复', en: 'must not name a group twice' }, art(18));
      need(Number.isInteger(answered.draftVersion) && answered.draftVersion >= 1, 'commentsAnswered.draftVersion', { zh: '必须是草案版本号（正整数）', en: 'must be a draft version (a positive whole number)' }, art(18));
      need(Number.isInteger(answered.count) && answered.count >= 0, 'commentsAnswered.count', { zh: '必须是非负整数', en: 'must be a whole number, not negative' }, art(18));
      need(typeof answered.root === 'string' && /^sha256:[0-9a-f]{64}$/.test(answered.root), 'commentsAnswered.root', { zh: '必须是 sha256: 后接64位十六进制数字', en: "must be 'sha256:' and 64 hex digits" }, art(18));
      p.groups.forEach((g, i) => {
        need(g.commentHashes === undefined, `groups.${i}.commentHashes`, { zh: '按系统汇总答复意见（commentsAnswered）时，不再逐条列出回执', en: 'is not given with commentsAnswered (the answers are named by their root)' }, art(18));
        need(Number.isInteger(g.commentCount) && g.commentCount! >= 0, `groups.${i}.commentCount`, { zh: '必须是本分组答复的意见条数（非负整数）', en: 'must be the number of comments the group answers (a whole number)' }, art(18));
      });
      const total = p.groups.reduce((n, g) => n + (g.commentCount ?? 0), 0);
      need(total === answered.count, 'groups', { zh: `各分组答复的意见条数之和（${total}）应当等于答复意见总数（${answered.count}）`, en: `the groups' comment counts (${total}) must add up to commentsAnswered.count (${answered.count})` }, art(18));
    },
    // What the report waits for is all the state's: an open task (我的待办) only once participation on the draft is done.
    when(s, profile) {
      requirePublicParticipation(s);
      const pp = currentParticipation(s);
      if (pp?.adoptionReport) refuse(R.Duplicate, { zh: '本决策草案的意见研究采纳情况已经提交', en: 'the adoption report for this draft is already submitted' }, art(18));
      if (pp?.comment && !pp.comment.closedAt) refuse(R.PeriodRunning, { zh: '公开征求意见结束后，方可提交意见研究采纳情况', en: 'the public comment period must close before opinions are reported on' }, art(15), art(18));
      if (profile.publicCommentRequired.value && !pp?.comment?.closedAt) {
        refuse(R.PrerequisiteMissing, { zh: '应当向社会公开征求意见，并在期限届满后结束', en: 'a public comment period must be held and closed' }, profile.publicCommentRequired.basis);
      }
      const pending = pp?.hearings.filter((h) => !h.held).map((h) => h.id) ?? [];
      if (pending.length) refuse(R.PrerequisiteMissing, { zh: `已安排的听证会尚未举行：${pending.join('、')}；举行后提交听证会记录，或者取消听证会（cancelHearing）并说明理由`, en: `scheduled hearings not yet held: ${pending.join(', ')}; record each once held, or call it off with the reason (cancelHearing)` }, art(16), art(17));
      // An announced hearing is held or called off, not passed over (`announcedHearingHeld`).
      const unheld = profile.announcedHearingHeld ? (pp?.hearingsAnnounced ?? []).filter((a) => !a.cancelled && !pp!.hearings.some((h) => h.id === a.id && h.held)).map((a) => a.id) : [];
      if (unheld.length) refuse(R.PrerequisiteMissing, { zh: `已向社会公布的听证会尚未举行：${unheld.join('、')}；举行后提交听证会记录，或者取消听证会（cancelHearing）并说明理由`, en: `hearings announced to the public not yet held: ${unheld.join(', ')}; record each once held, or call it off with the reason (cancelHearing)` }, art(16));
      if (s.applicability!.hearingRequired && !pp?.hearings.some((h) => h.held)) refuse(R.PrerequisiteMissing, { zh: '本事项应当召开听证会，但尚未举行', en: 'a hearing is required and none has been held' }, art(16));
      if (!pp || (!pp.comment?.closedAt && !pp.hearings.some((h) => h.held) && pp.otherForms.length === 0)) {
        refuse(R.PrerequisiteMissing, { zh: '本决策草案尚未完成任何形式的公众参与', en: 'no form of public participation has been completed on this draft' }, art(14));
      }
      if (profile.consultation) specialGroupsHeard(s, 'submitAdoptionReport');
    },
    validate(s, p) {
      const pp = currentParticipation(s);
      const version = p.commentsAnswered?.draftVersion;
      if (version !== undefined && version !== pp?.draftVersion) {
        refuse(R.InvalidPayload, { zh: `commentsAnswered.draftVersion：答复的是第${version}版草案收到的意见，而正在研究的是第${pp?.draftVersion ?? '—'}版草案的意见`, en: `commentsAnswered.draftVersion: the answers are to comments on draft ${version}, the report is on draft ${pp?.draftVersion ?? '—'}` }, art(18));
      }
    },
    apply(s, p, _a, ctx) {
      currentParticipation(s)!.adoptionReport = { reportHash: p.reportHash, groups: p.groups, at: ctx.now, ...(p.commentsAnswered ? { commentsAnswered: p.commentsAnswered } : {}) };
    },
  },

  /**
   * Art. 14 para. 3: 决策事项涉及特定群体利益的，决策承办单位应当与相关人民团体、社会组织以及群众代表进行沟通协商，充分听取
   * 相关群体的意见建议. For each special group declared (declareApplicability `specialGroups`), the undertaking unit
   * records with whom it talked, the group's representatives always among them, and the opinions heard; before the
   * adoption report (Art. 18), which studies them, and in any case before the legality review.
   */
  consultSpecialGroup: {
    roles: [Role.UndertakingUnit],
    since: 'consultation',
    basis: [art(14, 3)],
    phases: [Phase.Drafting, Phase.Consultation],
    when(s) {
      if (!s.applicability?.specialGroups?.length) {
        refuse(R.PrerequisiteMissing, {
          zh: '确定适用的决策程序时未载明决策事项涉及其利益的特定群体（declareApplicability specialGroups）',
          en: 'no special group whose interests the matter concerns was declared (declareApplicability specialGroups)',
        }, art(14, 3));
      }
    },
    // Offered in 我的待办 only while a group declared has not been talked with.
    task: (s) => unconsultedGroups(s).length > 0,
    shape(p) {
      str(p.group, 'group', art(14, 3), 200);
      list(p.with, 'with', art(14, 3), 1);
      p.with.forEach((w, i) => {
        oneOf(w?.kind, SPECIAL_GROUP_PARTIES, `with.${i}.kind`, art(14, 3));
        str(w?.name, `with.${i}.name`, art(14, 3), 200);
      });
      hash(p.recordHash, 'recordHash', art(14, 3));
    },
    validate(s, p) {
      const declared = s.applicability!.specialGroups!;
      if (!declared.includes(p.group)) {
        refuse(R.InvalidPayload, { zh: `group：${p.group}不是确定适用的决策程序时载明的特定群体（${declared.join('、')}）`, en: `group: ${p.group} is not a special group declared (${declared.join(', ')})` }, art(14, 3));
      }
      // 充分听取相关群体的意见建议: the group itself is heard, through its representatives (群众代表).
      if (!p.with.some((w) => w.kind === 'representatives')) {
        refuse(R.PrerequisiteMissing, {
          zh: `与特定群体（${p.group}）沟通协商，应当充分听取相关群体的意见建议：沟通协商的对象中应当有群众代表（with.kind representatives），并视情况包括相关人民团体、社会组织`,
          en: `talks with a special group (${p.group}) hear the group itself: its representatives (with.kind representatives) are among those talked with, beside the people's and social organisations concerned`,
        }, art(14, 3));
      }
    },
    apply(s, p, actor, ctx) {
      (s.groupConsultations ??= []).push({ group: p.group, with: p.with.map((w) => ({ kind: w.kind, name: w.name })), recordHash: p.recordHash, cycle: s.cycle, draftVersion: draftVersion(s), by: actor.id, at: ctx.now });
    },
  },

};

// ---------- helpers of this chapter ----------

/** Art. 14 para. 3 (decisions under `consultation`): every special group declared was talked with before the step. */
export function specialGroupsHeard(s: ProcedureState, before: 'submitAdoptionReport' | 'submitForLegalityReview'): void {
  const left = unconsultedGroups(s);
  if (!left.length) return;
  const step = before === 'submitAdoptionReport' ? ['提交意见研究采纳情况', 'the adoption report'] : ['送请合法性审查', 'the legality review'];
  refuse(R.PrerequisiteMissing, {
    zh: `决策事项涉及特定群体利益的，决策承办单位应当与相关人民团体、社会组织以及群众代表进行沟通协商：尚未与${left.join('、')}沟通协商（consultSpecialGroup），不能${step[0]}`,
    en: `the matter concerns a special group's interests: the undertaking unit talks with its people's and social organisations and representatives, and has not with ${left.join(', ')} (consultSpecialGroup) before ${step[1]}`,
  }, art(14, 3));
}

function requirePublicParticipation(s: ProcedureState): void {
  if (!s.applicability?.publicParticipation.required) refuse(R.WrongStage, { zh: '本事项属于依法不予公开的事项，已确定不适用公众参与', en: 'public participation was declared not applicable (matter not to be disclosed)' }, art(14));
}
/**
 * A form of participation may still be added to the draft's (a hearing, a symposium, …): participation applies, and
 * (where the profile says so) its adoption report is not yet in, which studied only what had been heard (Art. 18).
 */
/**
 * What announcing and scheduling a hearing share: a hearing of Arts. 16–17 is a meeting, where the profile allows no
 * online one (网络听证); and one held already is not announced or scheduled again.
 */
function notHeldYet(s: ProcedureState, p: { hearingId: string; online?: boolean }, ctx: StepContext): void {
  if (p.online && !ctx.profile.onlineHearing?.value) {
    refuse(R.NotReplaceable, { zh: `本决策适用的程序规则（${ctx.profile.id}）没有规定网络听证：听证会以会议方式举行`, en: `the rules of this decision (${ctx.profile.id}) provide no online hearing: the hearing is held as a meeting` }, art(16), art(17));
  }
  if (currentParticipation(s)?.hearings.find((h) => h.id === p.hearingId)?.held) refuse(R.Duplicate, { zh: `听证会 ${p.hearingId} 已经举行`, en: `hearing ${p.hearingId} has already been held` }, art(17));
}

/**
 * The leads a hearing's date must keep from now (Art. 16): its notice, and, where the profile asks it at scheduling, the
 * materials' delivery. The longer is checked first: a date too soon for both is told of the one that binds (fresh-eyes
 * tester: a date in the past was told of the 1-day notice, where the 7 days of the materials bind).
 */
function hearingLeads(date: Payloads['scheduleHearing']['date'], ctx: StepContext): void {
  const notice = ctx.profile.hearingNoticeLeadDays;
  const materials = ctx.profile.hearingMaterialsLeadDays;
  const leads = [
    { days: notice.value, refusal: () => refuse(R.NoticeTooShort, { zh: `听证会的时间、地点和听证参加人名单应当至少提前${notice.value}日公布`, en: `the hearing's time, place and participants must be published at least ${notice.value} day(s) ahead` }, notice.basis) },
    ...(ctx.profile.hearingMaterialsAtSchedule
      ? [{
          days: materials.value,
          refusal: () => refuse(R.NoticeTooShort, {
            zh: `听证会材料应当于听证会${materials.value}日前送达听证参加人：听证会定于${zhMinute(instantMs(date))}，材料已无法按时送达，请将听证会安排在${materials.value}日之后`,
            en: `the hearing's materials must reach the participants ${materials.value} days before it: on ${isoMinute(instantMs(date))} they no longer can; schedule it more than ${materials.value} days ahead`,
          }, materials.basis),
        }]
      : []),
  ].sort((x, y) => y.days - x.days);
  for (const lead of leads) if (instantMs(date) < ctx.now + lead.days * DAY) lead.refusal();
}

/**
 * Under `hearingAnnounced`, the participants are named for a hearing announced before (Art. 16 para. 3: the selection
 * method published ahead of the selection), at its time and place and selected by its method.
 */
function asAnnounced(s: ProcedureState, p: Payloads['scheduleHearing']): void {
  const announced = currentParticipation(s)?.hearingsAnnounced?.find((h) => h.id === p.hearingId);
  if (!announced) {
    refuse(R.PrerequisiteMissing, {
      zh: `听证会 ${p.hearingId} 尚未公布：应当先公布听证会的时间、地点和听证参加人遴选办法（announceHearing），按公布的办法遴选后，再公布听证参加人名单`,
      en: `hearing ${p.hearingId} has not been announced: announce its time, place and participant selection method first (announceHearing), then name the participants selected by it`,
    }, art(16, 2), art(16, 3));
  }
  // The public was told it is called off: it is announced again before anyone is named for it (retest: staffed and held).
  if (announced.cancelled) {
    refuse(R.PrerequisiteMissing, {
      zh: `听证会 ${p.hearingId} 已经公布取消（${announced.cancelled.reason}）：需要举行的，应当重新公布听证会的时间、地点和遴选办法（announceHearing）后，再公布听证参加人名单`,
      en: `hearing ${p.hearingId} was announced as called off (${announced.cancelled.reason}): to hold it, announce it again (announceHearing), then name its participants`,
    }, art(16, 2), art(16, 3));
  }
  const differs = [
    ...(instantMs(p.date) !== announced.date ? [{ zh: `时间（已公布：${zhMinute(announced.date)}）`, en: `date (announced: ${isoMinute(announced.date)})` }] : []),
    ...(p.place !== undefined && p.place !== announced.place ? [{ zh: `地点（已公布：${announced.place}）`, en: `place (announced: ${announced.place})` }] : []),
    ...(p.selectionMethodHash !== announced.selectionMethodHash ? [{ zh: '遴选办法（已公布的是另一文件）', en: 'selection method (another document was announced)' }] : []),
    // Who organises it and whether it is held online are announced too (retest: another organiser was taken, unpublished).
    ...(p.organisedBy !== undefined && p.organisedBy !== announced.organisedBy ? [{ zh: `组织单位（已公布：${announced.organisedBy ?? '未载明'}）`, en: `organiser (announced: ${announced.organisedBy ?? 'none'})` }] : []),
    ...(!!p.online !== !!announced.online ? [{ zh: `举行方式（已公布：${announced.online ? '网络听证' : '会议'}）`, en: `form (announced: ${announced.online ? 'online' : 'a meeting'})` }] : []),
  ];
  if (differs.length) {
    refuse(R.InvalidPayload, {
      zh: `听证会 ${p.hearingId} 的${differs.map((d) => d.zh).join('、')}与公布的不一致；改期、改地点、改变遴选办法、组织单位或者举行方式的，应当重新公布（announceHearing）`,
      en: `hearing ${p.hearingId}: the ${differs.map((d) => d.en).join(', ')} differ from what was announced; announce it again to change them`,
    }, art(16, 2), art(16, 3));
  }
}

/**
 * Art. 17 (`hearingRecordSigned`): the record is confirmed by the hearing's participants, each once and one way, signed
 * or refused; a refusal is witnessed by someone other than the official recording it.
 */
function signedByParticipants(h: Hearing, p: Payloads['recordHearing'], actor: Actor): void {
  const listed = new Set(h.participants.map((x) => x.id));
  const named = [
    ...p.signedBy.map((id, i) => ({ id, field: `signedBy.${i}` })),
    ...(p.refusals ?? []).map((r, i) => ({ id: r.participantId, field: `refusals.${i}.participantId` })),
    ...(p.absent ?? []).map((a, i) => ({ id: a.participantId, field: `absent.${i}.participantId` })),
  ];
  const seen = new Set<string>();
  for (const { id, field } of named) {
    if (!listed.has(id)) refuse(R.InvalidPayload, { zh: `${field}：${id} 不是听证会 ${h.id} 公布的听证参加人；听证会记录由听证参加人确认并签字`, en: `${field}: ${id} is not a participant of hearing ${h.id}; its participants confirm and sign the record` }, art(17));
    if (seen.has(id)) refuse(R.InvalidPayload, { zh: `${field}：听证参加人 ${id} 已经列为签字、拒绝签字或者缺席，每人只能列一次`, en: `${field}: participant ${id} is listed already, as signing, refusing or absent; each once` }, art(17));
    seen.add(id);
  }
  // Read as a reader would: without spaces, case folded ('张 承办', 'U-ZHANG' and '承办人张承办' were taken: retest).
  const plain = (x: string) => x.replace(/\s+/g, '').toLowerCase();
  (p.refusals ?? []).forEach((r, i) => {
    const w = plain(r.witness);
    if (w.includes(plain(actor.name)) || w.includes(plain(actor.id))) {
      refuse(R.InvalidPayload, { zh: `refusals.${i}.witness：拒绝签字的见证人不能是提交听证会记录的${actor.name}本人，应当由其他在场人员见证`, en: `refusals.${i}.witness: the witness of a refusal is not the official recording the hearing (${actor.id}); another person present witnesses it` }, art(17));
    }
    // Nor a participant: the one refusing, or another whose own signature is what is in question.
    const participant = h.participants.find((x) => w === plain(x.id) || w === plain(x.name));
    if (participant) {
      refuse(R.InvalidPayload, { zh: `refusals.${i}.witness：听证参加人${participant.name}（${participant.id}）不能作为拒绝签字的见证人，应当由听证参加人以外的在场人员见证`, en: `refusals.${i}.witness: participant ${participant.id} does not witness a refusal; someone present who is not a participant does` }, art(17));
    }
  });
}

/** Where a hearing is held: the place its scheduling names, or the one it was announced at. */
function placeOf(pp: PublicParticipation, p: Payloads['scheduleHearing']): { place?: string } {
  const place = p.place ?? pp.hearingsAnnounced?.find((h) => h.id === p.hearingId)?.place;
  return place !== undefined ? { place } : {};
}

function participationOpen(s: ProcedureState, profile: ProcedureProfile): void {
  requirePublicParticipation(s);
  if (profile.participationEndsWithReport && currentParticipation(s)?.adoptionReport) {
    refuse(R.WrongStage, {
      zh: '本决策草案的意见研究采纳情况已经报告，公众参与已经结束：不再安排听证会或者其他形式听取意见；草案作实质性修改的，重新征求意见',
      en: 'the adoption report on this draft is in and its public participation is over: no hearing or other form is added; a substantially revised draft is consulted on afresh',
    }, art(18));
  }
}
/**
 * Whether the participation on record is an earlier draft's, a substantially revised draft come since: its hearings not
 * held will not be (the public view says so; retest: one announced on draft 1 still read as upcoming).
 */
export function participationSuperseded(s: ProcedureState): boolean {
  return !!s.publicParticipation && !currentParticipation(s);
}

/** The hearings on this draft scheduled and not yet held, soonest first (我的待办: the record waits for the first). */
export function hearingsToHold(s: ProcedureState): Hearing[] {
  return (currentParticipation(s)?.hearings ?? []).filter((x) => !x.held).sort((a, b) => a.date - b.date);
}
function currentParticipation(s: ProcedureState) {
  const pp = s.publicParticipation;
  return pp && pp.draftVersion >= lastMaterialVersion(s) ? pp : undefined;
}
function ensureParticipation(s: ProcedureState) {
  if (!currentParticipation(s)) s.publicParticipation = { draftVersion: draftVersion(s), hearings: [], otherForms: [] };
  return s.publicParticipation!;
}
