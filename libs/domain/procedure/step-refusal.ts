import { findInputProblem, inputRefusal } from '../input';
import { carriedRefusal } from './carried';
import type { Command } from './commands';
import { findMistypedField, findNumberAsTime, findUnknownField, findWordlessText, payloadFieldRefusal } from './payload-fields';
import type { Refusal } from './refusal';
import { check, type StepContext } from './rules';
import type { ProcedureState } from './state';

/**
 * Everything a decision's workflow refuses of a step before taking it (its Update validator), in its order, or undefined
 * where it takes it: asked also by the API where a check of its own concerns the decision rather than the step, so that
 * what is wrong with the step is said first. `stateBytes`: the size of the state the workflow carries (carried.ts).
 */
export function stepRefusal(s: ProcedureState, cmd: Command, ctx: StepContext, stateBytes: () => number): Refusal | undefined {
  // Whatever is accepted must be storable: refused here, before the history holds it.
  const unstorable = findInputProblem(cmd);
  if (unstorable) return inputRefusal(unstorable);
  // A field no rule reads would be signed and kept as if it counted (a misspelt optional field): refused by name.
  const unknown = findUnknownField(cmd.action, cmd.payload);
  if (unknown) return payloadFieldRefusal(cmd.action, unknown);
  // A time given as a number, before the rules read it as one (the Update validator's check, not replayed).
  const numbered = findNumberAsTime(cmd.action, cmd.payload);
  if (numbered) return payloadFieldRefusal(cmd.action, numbered);
  const refused = check(s, cmd, ctx);
  if (refused) return refused;
  // Nor is a step taken that would make the state too large to carry into the next run (carried.ts).
  const tooLarge = carriedRefusal(stateBytes(), cmd.action, cmd.payload, ctx.profile);
  if (tooLarge) return tooLarge;
  // So would a value of another kind than the field's that the rules let pass (a text where a flag belongs).
  const mistyped = findMistypedField(cmd.action, cmd.payload);
  if (mistyped) return payloadFieldRefusal(cmd.action, mistyped);
  // Nor a text of punctuation alone where something is to be said (a dissent, a reason, a channel).
  const wordless = findWordlessText(cmd.payload);
  return wordless ? payloadFieldRefusal(cmd.action, wordless) : undefined;
}
