/** Chart.js with only what the bar charts use (tree-shaken); imported lazily. */
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js'

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip)
export { Chart }
