// Experiment members in a URL: readable tokens like "plain-20", "resnet-56", "resnet-56-B", "resnet-29-bottleneck".
import { blocksPerStage } from '../config';
import { MAX_DEPTH } from '../configValidation';
import type { ExperimentMember } from './experimentPresets';
import { shownInput } from '../shownInput';

export function memberToToken(member: ExperimentMember): string {
  const parts = [member.blockType === 'residual' ? 'resnet' : 'plain', String(member.depth)];
  if (member.blockType === 'residual' && member.shortcut === 'B') parts.push('B');
  if (member.block === 'bottleneck') parts.push('bottleneck');
  return parts.join('-');
}

const TOKEN = /^(plain|resnet)-(\d{1,4})(-B)?(-bottleneck)?$/i;

/** The member a token names, or a sentence saying what is wrong with it. */
export function memberFromToken(token: string): ExperimentMember | string {
  const match = TOKEN.exec(token.trim());
  // Quoted short: a token is whatever a link holds between two commas, kilobytes perhaps.
  const shown = shownInput(token);
  if (!match) return `“${shown}” is not a network name like plain-20, resnet-56 or resnet-56-B.`;
  const blockType = match[1].toLowerCase() === 'resnet' ? 'residual' : 'plain';
  const depth = Number(match[2]);
  const block = match[4] ? 'bottleneck' : 'basic';
  if (match[3] && blockType === 'plain') return `“${shown}”: plain networks have no shortcuts, so no option B.`;
  if (blocksPerStage(depth, block) === null) {
    return `“${shown}”: ${block === 'basic' ? 'depth must be 6n+2 (20, 32, 44, 56, 110, ...)' : 'bottleneck depth must be 9n+2'}.`;
  }
  if (depth > MAX_DEPTH) return `“${shown}”: depths above ${MAX_DEPTH} (the paper's deepest CIFAR network) are not supported.`;
  return { depth, blockType, shortcut: match[3] ? 'B' : 'A', block };
}

/** Most runs one URL may ask for: a link must not be able to queue days of training by accident. */
export const MAX_MEMBERS = 12;

export function membersToParam(members: readonly ExperimentMember[]): string {
  return members.map(memberToToken).join(',');
}

export function membersFromParam(param: string): { members: ExperimentMember[]; problems: string[] } {
  const members: ExperimentMember[] = [];
  const problems: string[] = [];
  param
    .split(',')
    .filter((token) => token.trim() !== '')
    .forEach((token) => {
      const member = memberFromToken(token);
      if (typeof member === 'string') problems.push(`URL parameter runs: ${member} Left out.`);
      else if (members.length >= MAX_MEMBERS) problems.push(`URL parameter runs: more than ${MAX_MEMBERS} networks; “${shownInput(token)}” left out.`);
      else members.push(member);
    });
  return { members, problems };
}
