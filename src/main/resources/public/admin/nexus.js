/** The overview page, /admin/nexus: the service's stats and every project's spend against its budgets. */
import {
  apiGet, budgetBar, clearError, describeError, el, formatBudget, formatCount, formatUsd, mountTokenForm, poll,
  showError, showUpdated,
} from '/admin/common.js';

const REFRESH_INTERVAL_MS = 5000;
const PROJECT_COLUMNS = 8;

function statTile(label, value, detail) {
  return el('div', { class: 'tile' },
    el('dt', {}, label),
    el('dd', {}, value),
    detail ? el('dd', { class: 'tile-detail' }, detail) : null);
}

function renderStats(stats) {
  document.getElementById('stats').replaceChildren(
    statTile('Spent today', formatUsd(stats.costToday)),
    statTile('Spent this month', formatUsd(stats.costMonth)),
    statTile('Projects', formatCount(stats.totalProjects), `${formatCount(stats.activeProjects)} active`),
    statTile('Agents', formatCount(stats.totalAgents), `${formatCount(stats.activeAgents)} active`),
    statTile('Active sessions', formatCount(stats.activeSessions)),
    statTile('Pending approvals', formatCount(stats.pendingApprovals)));
}

function costsPageLink(project) {
  const href = `/admin/nexus/projects/${encodeURIComponent(project.id)}/costs`;
  return el('a', { href }, project.name || project.id);
}

function projectRow(project, costsResult) {
  const nameCell = el('th', { scope: 'row' }, costsPageLink(project), el('span', { class: 'id' }, project.id));
  const statusCell = el('td', {}, el('span', { class: `status ${project.status}` }, project.status));

  if (costsResult.status === 'rejected') {
    const message = `Costs unavailable: ${describeError(costsResult.reason)}`;
    const errorCell = el('td', { colspan: PROJECT_COLUMNS - 2, class: 'error-cell' }, message);
    return el('tr', {}, nameCell, statusCell, errorCell);
  }

  const { today, month, budget } = costsResult.value;
  return el('tr', {}, nameCell, statusCell,
    el('td', { class: 'number' }, formatUsd(today.totalCost)),
    el('td', { class: 'number' }, formatBudget(budget.dailyBudgetUSD)),
    el('td', {}, budgetBar(budget.dailyPercent, `${project.id}: daily budget used`)),
    el('td', { class: 'number' }, formatUsd(month.totalCost)),
    el('td', { class: 'number' }, formatBudget(budget.monthlyBudgetUSD)),
    el('td', {}, budgetBar(budget.monthlyPercent, `${project.id}: monthly budget used`)));
}

function renderProjects(projects, costsResults) {
  const rows = projects.map((project, index) => projectRow(project, costsResults[index]));
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { colspan: PROJECT_COLUMNS, class: 'empty' }, 'No projects yet.')));
  }
  document.getElementById('projects').replaceChildren(...rows);
}

async function refresh() {
  try {
    const [stats, projects] = await Promise.all([apiGet('/api/v1/stats'), apiGet('/api/v1/projects')]);
    const costsResults = await Promise.allSettled(
      projects.items.map((project) => apiGet(`/api/v1/projects/${encodeURIComponent(project.id)}/costs`)));

    renderStats(stats);
    renderProjects(projects.items, costsResults);
    clearError();
    showUpdated();
  } catch (error) {
    showError(error);
  }
}

mountTokenForm(() => refreshNow());
const refreshNow = poll(refresh, REFRESH_INTERVAL_MS);
