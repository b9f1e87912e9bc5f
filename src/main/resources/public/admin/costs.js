/**
 * The costs page of one project, /admin/nexus/projects/{id}/costs: spend, budgets, a daily cost chart, the
 * breakdown by agent, and budget alerts, listed from the API and appended live from the WebSocket.
 */
import {
  accessToken, apiGet, budgetBar, clearError, el, formatBudget, formatCount, formatPercent, formatUsd,
  mountTokenForm, poll, showError, showUpdated, spendLevel,
} from '/admin/common.js';

const REFRESH_INTERVAL_MS = 5000;
const RECONNECT_MIN_MS = 1000;
const RECONNECT_MAX_MS = 30000;
const CHART_COLORS = { cost: '#2f6fde', budget: '#c2410c' };
const SCOPE_NAMES = { 'project.daily': 'Daily budget', 'project.monthly': 'Monthly budget' };

const shortDateFormat = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const alertTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const projectId = projectIdFromAddress();
const projectPath = `/api/v1/projects/${encodeURIComponent(projectId ?? '')}`;
const alertsByKey = new Map();
const agentNames = new Map();
let usageDays = [];
let costChart = null;
let socket = null;
let reconnectDelayMs = RECONNECT_MIN_MS;
let reconnectTimer = null;
let refreshNow = null;

/** The id in /admin/nexus/projects/{id}/costs, or else in `?project=`; null when neither names one. */
function projectIdFromAddress() {
  const match = location.pathname.match(/^\/admin\/nexus\/projects\/([^/]+)\/costs\/?$/);
  if (match) {
    return decodeURIComponent(match[1]);
  }
  return new URLSearchParams(location.search).get('project');
}

function renderProject(project) {
  const name = project.name || project.id;
  document.title = `${name} costs · Nexus`;
  document.getElementById('project-name').textContent = name;
  document.getElementById('project-meta').textContent =
    `${project.id} · ${project.status} · days cut in ${project.timezone}`;
}

function countOf(count, noun) {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function totalTile(label, total) {
  return el('div', { class: 'tile' },
    el('dt', {}, label),
    el('dd', {}, formatUsd(total.totalCost)),
    el('dd', { class: 'tile-detail' },
      `${countOf(total.totalRequests, 'request')} · ${countOf(total.totalTokens, 'token')}`));
}

function renderTotals({ today, month }) {
  document.getElementById('totals').replaceChildren(
    totalTile(`Today, ${today.date}`, today),
    totalTile(`This month, ${month.month}`, month));
}

function budgetLine(title, spent, budgetUsd, percent) {
  if (budgetUsd === null || budgetUsd === undefined) {
    return el('div', { class: 'budget-line' },
      el('h3', {}, title),
      el('p', { class: 'muted' }, `No limit: ${formatUsd(spent)} spent.`));
  }
  return el('div', { class: 'budget-line' },
    el('h3', {}, title),
    el('p', {}, `${formatUsd(spent)} of ${formatUsd(budgetUsd)}`),
    budgetBar(percent, `${title} used`));
}

function renderBudgets({ today, month, budget }) {
  document.getElementById('budgets').replaceChildren(
    budgetLine('Daily budget', today.totalCost, budget.dailyBudgetUSD, budget.dailyPercent),
    budgetLine('Monthly budget', month.totalCost, budget.monthlyBudgetUSD, budget.monthlyPercent));
}

function agentRow(agent) {
  return el('tr', {},
    el('th', { scope: 'row' }, agent.name || agent.agentId, el('span', { class: 'id' }, agent.agentId)),
    el('td', { class: 'number' }, formatUsd(agent.costToday)),
    el('td', { class: 'number' }, formatUsd(agent.costMonth)),
    el('td', { class: 'number' }, formatBudget(agent.budgetPerDayUsd)),
    el('td', {}, budgetBar(agent.dailyPercent, `${agent.agentId}: daily budget used`)));
}

function renderAgents(agents) {
  agentNames.clear();
  agents.forEach((agent) => agentNames.set(agent.agentId, agent.name || agent.agentId));

  const rows = agents.map(agentRow);
  if (rows.length === 0) {
    rows.push(el('tr', {}, el('td', { colspan: 5, class: 'empty' }, 'This project has no agents.')));
  }
  document.getElementById('agents').replaceChildren(...rows);
}

/** The usage query of the chosen period; the last days end on the project's today, as the API cuts it. */
function usagePath(today) {
  const range = document.getElementById('range').value;
  if (range === 'month') {
    return `${projectPath}/usage`;
  }
  const from = new Date(`${today}T00:00:00Z`);
  from.setUTCDate(from.getUTCDate() - (Number(range) - 1));
  return `${projectPath}/usage?from=${from.toISOString().slice(0, 10)}&to=${today}`;
}

function chartDatasets(days, dailyBudgetUsd) {
  const datasets = [{
    label: 'Cost', data: days.map((day) => day.totalCost), backgroundColor: CHART_COLORS.cost, borderRadius: 3,
    pointStyle: 'rect',
  }];
  if (dailyBudgetUsd !== null) {
    datasets.push({
      type: 'line', label: 'Daily budget', data: days.map(() => dailyBudgetUsd), borderColor: CHART_COLORS.budget,
      borderDash: [6, 4], borderWidth: 2, pointRadius: 0, pointStyle: 'line',
    });
  }
  return datasets;
}

/** Chart.js calls tick callbacks with the scale as `this`, which turns a tick into its label. */
function shortDateTick(value) {
  return shortDateFormat.format(new Date(this.getLabelForValue(value)));
}

function createChart() {
  return new Chart(document.getElementById('cost-chart'), {
    type: 'bar',
    data: { labels: [], datasets: [] },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { callback: shortDateTick } },
        y: { beginAtZero: true, ticks: { callback: (value) => formatUsd(value) } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true } },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label}: ${formatUsd(item.parsed.y)}`,
            footer: (items) => dayFigures(usageDays[items[0].dataIndex]),
          },
        },
      },
    },
  });
}

function dayFigures(day) {
  return `${countOf(day.totalRequests, 'request')} · ${countOf(day.totalTokens, 'token')}`;
}

function renderChart(days, dailyBudgetUsd) {
  usageDays = days;
  if (costChart === null) {
    costChart = createChart();
  }
  costChart.data.labels = days.map((day) => day.date);
  costChart.data.datasets = chartDatasets(days, dailyBudgetUsd);
  costChart.update();

  const total = days.reduce((sum, day) => sum + day.totalCost, 0);
  const period = days.length > 0 ? `${days[0].date} to ${days[days.length - 1].date}` : 'no days';
  document.getElementById('cost-chart').setAttribute('aria-label',
    `Daily cost from ${period}, ${formatUsd(total)} in all. The table below lists each day.`);
}

function renderUsageTable(days) {
  const rows = [...days].reverse().map((day) => el('tr', {},
    el('th', { scope: 'row' }, day.date),
    el('td', { class: 'number' }, formatUsd(day.totalCost)),
    el('td', { class: 'number' }, formatCount(day.totalTokens)),
    el('td', { class: 'number' }, formatCount(day.totalRequests))));
  document.getElementById('usage-rows').replaceChildren(...rows);
}

/** An alert goes out once per scope, agent, period, threshold and budget, so these fields name it. */
function alertKey(alert) {
  return [alert.scope, alert.agentId ?? '', alert.period, alert.threshold, alert.budget].join('|');
}

function addAlerts(alerts) {
  alerts.forEach((alert) => alertsByKey.set(alertKey(alert), alert));
  renderAlerts();
}

function alertTitle(alert) {
  const scope = alert.scope === 'agent.daily'
    ? `Agent ${agentNames.get(alert.agentId) ?? alert.agentId}, daily budget`
    : SCOPE_NAMES[alert.scope] ?? alert.scope;
  return `${scope}: ${alert.threshold} % reached`;
}

function alertItem(alert) {
  const session = alert.sessionId ? ` · session ${alert.sessionId}` : '';
  return el('li', { class: `alert ${spendLevel(alert.threshold)}` },
    el('p', { class: 'alert-title' }, alertTitle(alert)),
    el('p', {}, `${formatUsd(alert.currentSpend)} of ${formatUsd(alert.budget)} (${formatPercent(alert.percent)})`
      + ` · period ${alert.period}${session}`),
    el('time', { datetime: alert.at }, alertTimeFormat.format(new Date(alert.at))));
}

function renderAlerts() {
  const newestFirst = [...alertsByKey.values()]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.threshold - a.threshold);
  const items = newestFirst.map(alertItem);
  if (items.length === 0) {
    items.push(el('li', { class: 'empty' }, 'No alerts today.'));
  }
  document.getElementById('alerts').replaceChildren(...items);
}

function setLiveStatus(text, level = 'ok') {
  const status = document.getElementById('live-status');
  status.textContent = text;
  status.className = `live-status ${level}`;
}

function alertsSocketUrl() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = new URLSearchParams({ projectId, token: accessToken() });
  return `${scheme}://${location.host}/api/v1/ws?${query}`;
}

/** Opens the alerts WebSocket, first closing any open one, e.g. after a new token was saved. */
function connectAlerts() {
  clearTimeout(reconnectTimer);
  if (socket !== null) {
    socket.onclose = null;
    socket.close();
    socket = null;
  }
  if (accessToken() === '') {
    setLiveStatus('Live alerts start once a token is saved.', 'warn');
    return;
  }

  setLiveStatus('Connecting to live alerts…', 'warn');
  socket = new WebSocket(alertsSocketUrl());
  socket.onopen = () => {
    reconnectDelayMs = RECONNECT_MIN_MS;
    setLiveStatus('Live: new alerts appear here as they are sent.');
  };
  socket.onmessage = (event) => receiveMessage(event.data);
  socket.onclose = (event) => scheduleReconnect(event);
}

function scheduleReconnect(closeEvent) {
  socket = null;
  const reason = closeEvent.reason ? `: ${closeEvent.reason}` : '';
  setLiveStatus(`Live alerts disconnected (code ${closeEvent.code}${reason}); `
    + `retrying in ${reconnectDelayMs / 1000} s.`, 'over');
  reconnectTimer = setTimeout(connectAlerts, reconnectDelayMs);
  reconnectDelayMs = Math.min(reconnectDelayMs * 2, RECONNECT_MAX_MS);
}

function receiveMessage(data) {
  let message;
  try {
    message = JSON.parse(data);
  } catch (error) {
    showError(new Error(`Unreadable message on the alerts WebSocket: ${error.message}`));
    return;
  }
  if (message.type === 'session.cost_alert' && message.projectId === projectId) {
    addAlerts([message]);
    refreshNow();
  }
}

async function refresh() {
  try {
    const [project, costs, alerts] = await Promise.all(
      [apiGet(projectPath), apiGet(`${projectPath}/costs`), apiGet(`${projectPath}/alerts`)]);
    const usage = await apiGet(usagePath(costs.today.date));

    renderProject(project);
    renderTotals(costs);
    renderBudgets(costs);
    renderAgents(costs.byAgent);
    addAlerts(alerts.items);
    renderChart(usage.items, costs.budget.dailyBudgetUSD);
    renderUsageTable(usage.items);
    clearError();
    showUpdated();
  } catch (error) {
    showError(error);
  }
}

function start() {
  if (projectId === null) {
    showError(new Error('No project named: open /admin/nexus/projects/{id}/costs, or add ?project={id} here.'));
    return;
  }
  mountTokenForm(() => {
    refreshNow();
    connectAlerts();
  });
  refreshNow = poll(refresh, REFRESH_INTERVAL_MS);
  document.getElementById('range').addEventListener('change', () => refreshNow());
  connectAlerts();
}

start();
