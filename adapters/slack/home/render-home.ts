import type { ActionsBlock, Button, HomeView, KnownBlock } from '@slack/types';
import type { HomeState } from './home-state';
import { contextBlock, headerBlock, sectionBlock } from '../block-kit/block-builders';
import { HomeUnit, projectUnits } from './render-home-sections';
import { slackDate } from '../block-kit/slack-date';
import { escapeMrkdwn, fitBlocks } from '../block-kit/slack-message';

/** action_ids of the Home's own buttons; each value is the page number to show. */
export const HOME_ACTION_IDS = {
  previous: 'imagestream_home_previous',
  next: 'imagestream_home_next',
  refresh: 'imagestream_home_refresh',
} as const;

/** Slack rejects a Home tab view of more than 100 blocks. */
export const HOME_MAX_BLOCKS = 100;

/** The view of one page (as views.publish takes it), the page it shows (clamped) and how many there are. */
export interface RenderedHome {
  view: HomeView;
  page: number;
  pages: number;
}

// Every page has the title, the "updated" line and the buttons around its content.
const FRAME_BLOCKS = 3;
const PAGE_BUDGET = HOME_MAX_BLOCKS - FRAME_BLOCKS;

/**
 * The Home tab: per project, its clusters and pools with their streaming state, pending approvals
 * with Approve / Deny, open alerts with their mute state, and mutes in force. Never more than 100
 * blocks: longer content is split into pages (Previous / Next), a page never splits a request from
 * its buttons or a cluster from its pools, and a page that starts mid-project repeats its header.
 * `page` out of range shows the nearest page. Pure: same state and page, same view.
 */
export function renderHome(state: HomeState, page: number): RenderedHome {
  const units: HomeUnit[] = state.projects.flatMap((p) => projectUnits(p, state.now));
  const pages = paginate(units);
  const shown = Math.min(Math.max(0, Number.isInteger(page) ? page : 0), pages.length - 1);

  const status = [
    `Updated ${slackDate(state.now)}`,
    `${state.projects.length} ${state.projects.length === 1 ? 'project' : 'projects'}`,
    ...(pages.length > 1 ? [`page ${shown + 1} of ${pages.length}`] : []),
  ].join(' · ');
  const notes = state.notes.map((n) => `:information_source: ${escapeMrkdwn(n)}`);
  const blocks: KnownBlock[] = [
    headerBlock('GKE image streaming'),
    contextBlock([status, ...notes].join('\n')),
    ...(state.projects.length === 0 ? [noProjects()] : pages[shown]!),
    navigation(shown, pages.length),
  ];
  // Every text within Slack's limits; the pages keep the count within HOME_MAX_BLOCKS.
  const view: HomeView = {
    type: 'home',
    blocks: fitBlocks(blocks, '… cut: `/imagestream status CLUSTER` shows it all'),
  };
  return { view, page: shown, pages: pages.length };
}

/** Fills pages of at most PAGE_BUDGET blocks with whole units, repeating the project header where a page starts mid-project. */
function paginate(units: HomeUnit[]): KnownBlock[][] {
  const pages: KnownBlock[][] = [];
  let current: KnownBlock[] = [];
  let project: string | null = null;
  const started = new Set<string>();
  for (const unit of units) {
    const needsHeader = unit.project !== project;
    if (current.length > 0 && current.length + unit.blocks.length + (needsHeader ? 1 : 0) > PAGE_BUDGET) {
      pages.push(current);
      current = [];
      project = null;
    }
    if (unit.project !== project) {
      const continued = started.has(unit.project) ? ' (continued)' : '';
      current.push(headerBlock(`Project ${unit.project}${continued}`));
      started.add(unit.project);
      project = unit.project;
    }
    // A unit is at most a few blocks (render-home-sections.ts caps them), far below the budget.
    current.push(...unit.blocks.slice(0, PAGE_BUDGET - 1));
  }
  pages.push(current);
  return pages;
}

function noProjects(): KnownBlock {
  return sectionBlock(
    'No project to show. Set `GOOGLE_CLOUD_PROJECT` (or `IMAGESTREAM_HOME_PROJECTS` for several) on the bot; ' +
      'projects with pending approvals or open alerts are shown too.',
  );
}

/** Refresh always; Previous and Next when there is such a page. Each value is the page to show. */
function navigation(page: number, pages: number): ActionsBlock {
  const button = (actionId: string, text: string, target: number): Button => ({
    type: 'button',
    action_id: actionId,
    value: String(target),
    text: { type: 'plain_text', text },
  });
  const elements: Button[] = [];
  if (page > 0) elements.push(button(HOME_ACTION_IDS.previous, '◀ Previous', page - 1));
  if (page < pages - 1) elements.push(button(HOME_ACTION_IDS.next, 'Next ▶', page + 1));
  elements.push(button(HOME_ACTION_IDS.refresh, 'Refresh', page));
  return { type: 'actions', block_id: 'imagestream_home_nav', elements };
}
