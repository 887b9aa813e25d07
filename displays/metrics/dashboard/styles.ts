// Shared look of the dashboard elements.
import { css } from 'lit';

export const dashStyles = css`
  :host {
    display: block;
    color: #0f1b2d;
    font-family: 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 14px;
  }
  th,
  td {
    padding: 6px 8px;
    border-bottom: 1px solid #e2e8f0;
    text-align: right;
    white-space: nowrap;
  }
  th:first-child,
  td:first-child {
    text-align: left;
  }
  th {
    color: #475569;
    font-weight: normal;
    font-size: 12px;
  }
  .good {
    color: #15803d;
  }
  .warn {
    color: #b45309;
  }
  .bad {
    color: #b91c1c;
  }
`;
