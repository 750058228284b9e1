import "./style.css";
import { PopupView } from "~components/PopupView";

export default PopupView;
