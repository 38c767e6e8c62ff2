/**
 * The Skillearn framework of Section 2.2 as types: {@link org.skillearn.core.parameter.Learner learners}
 * with {@link org.skillearn.core.parameter.ParameterSet parameter sets}, ordered
 * {@link org.skillearn.core.model.Stage learning stages} with active and supporting sets, a
 * {@link org.skillearn.core.model.ValidationStage validation stage}, assembled into a
 * {@link org.skillearn.core.model.SkillProgram} whose builder enforces the rules of Section 2.2.2.
 */
package org.skillearn.core.model;

import org.skillearn.core.parameter.Learner;
import org.skillearn.core.parameter.ParameterSet;
